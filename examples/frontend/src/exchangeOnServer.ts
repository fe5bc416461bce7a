/** Hands a Link code to the back end, which exchanges it; a refusal rejects, so the button shows it. */
export async function exchangeOnServer(code: string, connectionId: string) {
  const response = await fetch('/api/link/exchange', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, connectionId }),
  });
  if (!response.ok) throw new Error(`The exchange failed with ${response.status}.`);
}
