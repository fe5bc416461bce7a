import type { HealthSnapshot } from '@makini-kit/core';

/**
 * Follows a replica's health event stream (`…/api/health/events`) as a browser does, and keeps
 * each snapshot with the time it arrived (`performance.now()`).
 */
export async function followHealth(url: string) {
  const received: Array<{ at: number; snapshot: HealthSnapshot }> = [];
  const controller = new AbortController();
  const response = await fetch(`${url}/api/health/events`, { signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`health stream answered ${response.status}`);
  const listeners = new Set<() => void>();
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end >= 0) {
          const event = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = event
            .split('\n')
            .filter((line) => line.startsWith('data: '))
            .map((line) => line.slice(6))
            .join('\n');
          if (event.includes('event: snapshot') && data) {
            received.push({ at: performance.now(), snapshot: JSON.parse(data) as HealthSnapshot });
            for (const listener of [...listeners]) listener();
          }
          end = buffered.indexOf('\n\n');
        }
      }
    } catch {
      // Closed: by `close()`, or the replica died.
    }
  })();
  return {
    received,
    latest: () => received.at(-1)?.snapshot,
    /** Resolves once the latest snapshot `match`es: at once, or when one arrives that does. */
    reached(match: (snapshot: HealthSnapshot) => boolean): Promise<number> {
      const latest = received.at(-1);
      return latest && match(latest.snapshot) ? Promise.resolve(latest.at) : this.next(match);
    },
    /** Resolves with the arrival time of the first snapshot, from now on, that `match`es. */
    next(match: (snapshot: HealthSnapshot) => boolean): Promise<number> {
      return new Promise((resolve) => {
        const check = () => {
          const found = received.at(-1);
          if (found && match(found.snapshot)) {
            listeners.delete(check);
            resolve(found.at);
          }
        };
        listeners.add(check);
      });
    },
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}
