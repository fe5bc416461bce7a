/** One call of a running sandbox's admin API (`/__sandbox/…`), as a test outside its process makes it. */
export async function sandboxAdmin<T>(
  sandboxUrl: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const response = await fetch(`${sandboxUrl}/__sandbox${path}`, {
    method,
    // Admin writes must carry JSON's content type, even without a body.
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    throw new Error(
      `${method} /__sandbox${path} answered ${response.status}: ${await response.text()}`,
    );
  }
  return ((await response.json()) as { data: T }).data;
}
