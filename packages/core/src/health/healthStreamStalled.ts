/**
 * Where `createHealthHandler` leaves word that it ended an event stream because its client stopped
 * reading, for the adapter that owns the socket: ending the stream frees the handler's memory, but
 * only destroying the socket frees the connection. A registered symbol rather than a module's own
 * `WeakMap`, so the word still arrives when the handler and the adapter come from two copies of this
 * package (its ESM and CommonJS builds).
 */
const STALLED = Symbol.for('@makini-kit/core/health-stream-stalled');

type Marked = ReadableStream<Uint8Array> & { [STALLED]?: Promise<void> };

/** Attaches to `stream` a promise that `createHealthHandler` resolves when it drops a stalled client. */
export function markStallable(stream: ReadableStream<Uint8Array>, stalled: Promise<void>): void {
  Object.defineProperty(stream, STALLED, { value: stalled });
}

/** Resolves when the health stream behind `body` drops its client for not reading; never otherwise. */
export function whenStalled(body: ReadableStream<Uint8Array>): Promise<void> | undefined {
  return (body as Marked)[STALLED];
}
