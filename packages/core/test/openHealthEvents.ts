import { get, type IncomingMessage } from 'node:http';
import type { HealthSnapshot } from '../src/health/ConnectionHealth.js';

/**
 * Opens a health event stream over HTTP: `updatedAt` of every snapshot event received, in order.
 * `onCleanup` receives what closes it.
 */
export async function openHealthEvents(url: string, onCleanup: (cleanup: () => void) => void) {
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    get(url, resolve).on('error', reject),
  );
  const received: number[] = [];
  const waiters = new Map<number, () => void>();
  let buffer = '';
  let ended = false;
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!block.startsWith('event: snapshot') || !data) continue;
      const { updatedAt } = JSON.parse(data) as HealthSnapshot;
      received.push(updatedAt);
      waiters.get(updatedAt)?.();
    }
  });
  const finished = new Promise<void>((resolve) =>
    response.on('end', () => {
      ended = true;
      resolve();
    }),
  );
  // A destroyed socket errors instead of ending; the test reads `ended` and `received`.
  response.on('error', () => {});
  onCleanup(() => response.destroy());
  return {
    response,
    received,
    finished,
    get ended() {
      return ended;
    },
    /** Resolves once the snapshot with this `updatedAt` has arrived. */
    receive: (updatedAt: number) =>
      received.includes(updatedAt)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.set(updatedAt, resolve)),
  };
}
