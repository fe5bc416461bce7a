import { whenStalled } from './healthStreamStalled.js';
import type { NodeHealthResponse } from './NodeHealthHttp.js';

/** Node sets these itself; its HTTP/2 compatibility layer drops them with a warning per response. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * Writes a fetch `Response` to a Node response: status and headers, then the body one chunk at a
 * time, reading the next chunk only once the socket has taken the last one (`'drain'`), so a slow
 * client holds the body back at its source instead of in this process. Stops reading when `signal`
 * aborts (the client went away). When the body is a health event stream that dropped its client for
 * not reading, destroys the socket: ended politely, it would stay open behind the unread bytes.
 */
export async function writeToNode(
  response: Response,
  outgoing: NodeHealthResponse,
  { signal, head }: { signal: AbortSignal; head: boolean },
): Promise<void> {
  outgoing.writeHead(response.status, headersOf(response));
  const body = response.body;
  if (!body || head || signal.aborted) {
    await body?.cancel().catch(() => {});
    if (!signal.aborted) outgoing.end();
    return;
  }

  const reader = body.getReader();
  let outcome: 'gone' | 'stalled' | undefined;
  let wake = () => {};
  const stop = (why: 'gone' | 'stalled') => {
    outcome ??= why;
    wake();
    // Settles a pending read, and lets go of the body's source (its subscription, its timers).
    reader.cancel().catch(() => {});
  };
  const onAbort = () => stop('gone');
  signal.addEventListener('abort', onAbort, { once: true });
  void whenStalled(body)?.then(() => stop('stalled'));
  try {
    while (!outcome) {
      const { done, value } = await reader.read();
      if (done || outcome) break;
      if (outgoing.write(value)) continue;
      await new Promise<void>((resolve) => {
        const onDrain = () => {
          outgoing.removeListener('drain', onDrain);
          resolve();
        };
        wake = onDrain;
        outgoing.on('drain', onDrain);
      });
      wake = () => {};
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (outcome === 'stalled') outgoing.destroy();
  else if (!outcome) outgoing.end();
}

function headersOf(response: Response): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name) && name !== 'set-cookie') headers[name] = value;
  });
  // `forEach` joins several Set-Cookie headers into one, which no client splits back.
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}
