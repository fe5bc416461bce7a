/** What reading a body produced: its text, or how many bytes had arrived when it passed the limit. */
export type BodyRead = { text: string } | { tooLargeAt: number };

/**
 * Reads a response body as text, counting bytes as they arrive and stopping as soon as they pass
 * `maxBytes`. The count is of what arrives after decompression, so a missing, lying or compressed
 * `content-length` changes nothing; an honest one larger than the limit is refused before reading.
 */
export async function readBody(response: Response, maxBytes: number): Promise<BodyRead> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  if (!encoded && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { tooLargeAt: declared };
  }
  if (!response.body) {
    // A fetch without body streams (some polyfills): the limit can only be checked afterwards.
    const text = await response.text();
    const size = new TextEncoder().encode(text).byteLength;
    return size > maxBytes ? { tooLargeAt: size } : { text };
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLargeAt: received };
    }
    text += decoder.decode(value, { stream: true });
  }
  return { text: text + decoder.decode() };
}
