import { checkDuration } from '../client/timers.js';
import { EMPTY_SNAPSHOT, type HealthSnapshot, type HealthSource } from './ConnectionHealth.js';

/** Where a browser follows the back end's health, and how. */
export interface RemoteHealthSourceOptions {
  /** The back end's snapshot URL (served by `createHealthHandler`); events are read from `${url}/events`. */
  url: string;
  /** @default `${url}/events` */
  eventsUrl?: string;
  /** The `fetch` to call with. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** First wait before reconnecting, in ms from 1 to 2^31-1; doubles up to 30 s. @default 1000 */
  reconnectDelayMs?: number;
  /**
   * In ms from 1 to 2^31-1: how long the event stream may stay silent (no event, no heartbeat),
   * and how long the snapshot request and the stream's answer may take. A stream silent for longer
   * is taken for dead (a proxy or a sleeping laptop dropped it without closing it) and opened again
   * with the snapshot, so the widgets do not show stale health for good. Keep it above the back
   * end's `heartbeatMs` (`createHealthHandler`'s, 15 s by default): below it, a quiet but live
   * stream is reopened every `silenceTimeoutMs`. @default 45_000
   */
  silenceTimeoutMs?: number;
  /** What to show before the first answer (e.g. the snapshot rendered on the server). */
  initialSnapshot?: HealthSnapshot;
  /**
   * Extra options for both requests, e.g. `{ credentials: 'include' }` or
   * `{ headers: { authorization: 'Bearer …' } }`. Headers (a `Headers`, pairs or a record) are sent
   * as given, except `accept`, which each request sets to what it reads. Its `signal`, once
   * aborted, stops the source as `close()` does.
   */
  requestInit?: RequestInit;
}

/** A `HealthSource` that follows a back end's health over HTTP (a snapshot, then server-sent events). */
export interface RemoteHealthSource extends HealthSource {
  /** For server rendering: the snapshot given at creation. */
  getServerSnapshot(): HealthSnapshot;
  /** `true` while the event stream is open. */
  readonly connected: boolean;
  /** Stops following: closes the event stream and cancels reconnects. */
  close(): void;
}

/**
 * Follows a `ConnectionHealthMonitor` running on the host app's back end, from a browser: loads the
 * JSON snapshot, then listens to Server-Sent Events, reconnecting with backoff. The browser never
 * holds a Makini token. Connects on the first subscriber, disconnects after the last.
 *
 * @throws {RangeError} when `reconnectDelayMs` or `silenceTimeoutMs` is not from 1 to 2^31-1 ms.
 * @example
 * const health = createRemoteHealthSource({ url: '/api/health' });
 * <MakiniProvider health={health}>…</MakiniProvider>
 */
export function createRemoteHealthSource(options: RemoteHealthSourceOptions): RemoteHealthSource {
  const initial = options.initialSnapshot ?? EMPTY_SNAPSHOT;
  let snapshot = initial;
  let connected = false;
  let controller: AbortController | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const firstDelay = checkDuration('reconnectDelayMs', options.reconnectDelayMs ?? 1000);
  let delay = firstDelay;
  const silenceMs = checkDuration('silenceTimeoutMs', options.silenceTimeoutMs ?? 45_000);
  const listeners = new Set<() => void>();
  const eventsUrl = options.eventsUrl ?? `${options.url.replace(/\/+$/, '')}/events`;

  const set = (next: HealthSnapshot) => {
    if (next.updatedAt < snapshot.updatedAt && snapshot !== initial) return;
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };

  const fetchImpl = () => options.fetch ?? globalThis.fetch;
  // Each request carries a signal of the source's own; the caller's, when aborted, stops the source.
  const { signal: callerSignal, ...requestInit } = options.requestInit ?? {};
  const callerHeaders = readHeaders(options.requestInit?.headers);
  const headersAccepting = (accept: string) => {
    const headers = new Headers(callerHeaders);
    headers.set('accept', accept);
    return headers;
  };

  /**
   * One attempt per controller: a subscriber that leaves while the snapshot loads aborts it, so
   * the next subscriber's attempt is the only one that opens a stream.
   */
  function start() {
    if (callerSignal?.aborted) return;
    const attempt = new AbortController();
    controller = attempt;
    void load(attempt.signal).then(() => run(attempt));
  }

  async function run(attempt: AbortController) {
    const { signal } = attempt;
    if (signal.aborted || listeners.size === 0) return;
    // Aborted for silence, the attempt ends like a stream that closed: it is opened again.
    let silent = false;
    let silence: ReturnType<typeof setTimeout> | undefined;
    let reader: ReadableStreamDefaultReader<string> | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => {
        silent = true;
        attempt.abort();
        // Also here, for a `fetch` that does not end its body on abort.
        reader?.cancel().catch(() => {});
      }, silenceMs);
    };
    try {
      heard();
      const response = await fetchImpl()(eventsUrl, {
        ...requestInit,
        headers: headersAccepting('text/event-stream'),
        signal,
      });
      if (!response.ok || !response.body)
        throw new Error(`health events answered ${response.status}`);
      connected = true;
      delay = firstDelay;
      reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        heard();
        buffer += value;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data && /(^|\n)event: ?snapshot(\n|$)/.test(block)) {
            try {
              set(JSON.parse(data) as HealthSnapshot);
            } catch {}
          }
          boundary = buffer.indexOf('\n\n');
        }
      }
    } catch {
      if (signal.aborted && !silent) return;
    } finally {
      clearTimeout(silence);
      if (controller === attempt) connected = false;
    }
    // A newer attempt (subscribers left and came back meanwhile) owns the connection now.
    if ((signal.aborted && !silent) || listeners.size === 0 || controller !== attempt) return;
    // The stream ended or failed: reload the snapshot and reconnect, waiting longer each time.
    retryTimer = setTimeout(start, delay);
    delay = Math.min(delay * 2, 30_000);
  }

  /** The snapshot, within the silence deadline: a request that hangs must not keep the stream shut. */
  async function load(attempt: AbortSignal) {
    const loading = new AbortController();
    const stop = () => loading.abort();
    const timer = setTimeout(stop, silenceMs);
    attempt.addEventListener('abort', stop, { once: true });
    try {
      const response = await fetchImpl()(options.url, {
        ...requestInit,
        headers: headersAccepting('application/json'),
        signal: loading.signal,
      });
      if (response.ok) set((await response.json()) as HealthSnapshot);
    } catch {
    } finally {
      clearTimeout(timer);
      attempt.removeEventListener('abort', stop);
    }
  }

  const source: RemoteHealthSource = {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          controller?.abort();
          if (retryTimer) clearTimeout(retryTimer);
        }
      };
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => initial,
    get connected() {
      return connected;
    },
    close() {
      listeners.clear();
      controller?.abort();
      if (retryTimer) clearTimeout(retryTimer);
    },
  };
  callerSignal?.addEventListener('abort', () => source.close(), { once: true });
  return source;
}

/** Parsed once, at creation: a bad header would otherwise fail every request, silently and forever. */
function readHeaders(init: HeadersInit | undefined): Headers {
  try {
    return new Headers(init);
  } catch (cause) {
    throw new TypeError(
      `createRemoteHealthSource: requestInit.headers cannot be sent (${(cause as Error).message}). Pass a Headers object, [name, value] pairs or a record of strings.`,
      { cause },
    );
  }
}
