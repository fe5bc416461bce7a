import type { HealthSource } from './ConnectionHealth.js';
import { markStallable } from './healthStreamStalled.js';

const encoder = new TextEncoder();

export interface HealthEventStreamLimits {
  heartbeatMs: number;
  maxBufferedBytes: number;
}

/**
 * One client's Server-Sent Events: `retry`, the snapshot now, one `snapshot` event per change and a
 * heartbeat comment now and then. Chunks are handed over only when the consumer pulls, so a client
 * that reads slowly holds at most `maxBufferedBytes` here; one that stops reading past that is closed
 * and unsubscribed, and the stream says so to `toNodeHealthHandler` (see `whenStalled`), which
 * destroys that client's socket.
 */
export function healthEventStream(
  source: HealthSource,
  signal: AbortSignal | undefined,
  limits: HealthEventStreamLimits,
): ReadableStream<Uint8Array> {
  // Chunks wait here rather than in the stream's own queue: closing a stream keeps its queue until
  // it is read, and the client being dropped is the one that does not read.
  let waiting: Uint8Array[] = [];
  let waitingBytes = 0;
  /** The consumer asked for a chunk while none was waiting: the next one goes straight to it. */
  let wanted = false;
  let stop = () => {};
  let stalled = () => {};
  const stalledPromise = new Promise<void>((resolve) => {
    stalled = resolve;
  });

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const drop = () => {
          stop();
          waiting = [];
          waitingBytes = 0;
          try {
            controller.close();
          } catch {}
        };
        const send = (text: string) => {
          const chunk = encoder.encode(text);
          if (wanted) {
            wanted = false;
            controller.enqueue(chunk);
            return;
          }
          // One event always fits an empty queue, however large the snapshot.
          if (waitingBytes > 0 && waitingBytes + chunk.byteLength > limits.maxBufferedBytes) {
            stalled();
            drop();
            return;
          }
          waiting.push(chunk);
          waitingBytes += chunk.byteLength;
        };
        const push = () =>
          send(`event: snapshot\ndata: ${JSON.stringify(source.getSnapshot())}\n\n`);
        send('retry: 2000\n\n');
        push();
        const unsubscribe = source.subscribe(push);
        const heartbeat = setInterval(() => send(': heartbeat\n\n'), limits.heartbeatMs);
        stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
          stop = () => {};
        };
        signal?.addEventListener('abort', drop, { once: true });
      },
      pull(controller) {
        const chunk = waiting.shift();
        if (!chunk) {
          wanted = true;
          return;
        }
        waitingBytes -= chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        stop();
        waiting = [];
        waitingBytes = 0;
      },
    },
    { highWaterMark: 0 },
  );
  markStallable(stream, stalledPromise);
  return stream;
}
