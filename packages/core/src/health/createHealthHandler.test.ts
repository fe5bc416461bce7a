import { get, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { serveFetch } from '../../test/serveFetch.js';
import type { ConnectionHealth, HealthSnapshot, HealthSource } from './ConnectionHealth.js';
import { createHealthHandler } from './createHealthHandler.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A health source the test changes by hand, that counts who listens (each SSE client is one). */
function changingSource(connections: number) {
  const listeners = new Set<() => void>();
  const health = (id: number): ConnectionHealth => ({
    connectionId: `conn_${id}`,
    state: 'degraded',
    reason: `The last sync of this connection ended with an error. ${'x'.repeat(400)}`,
    since: 0,
    errorRate: 0.5,
    samples: 20,
    history: [],
  });
  let snapshot: HealthSnapshot = {
    connections: Object.fromEntries(
      Array.from({ length: connections }, (_, id) => [`conn_${id}`, health(id)]),
    ),
    updatedAt: 0,
  };
  return {
    listeners,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    change() {
      snapshot = { ...snapshot, updatedAt: snapshot.updatedAt + 1 };
      for (const listener of [...listeners]) listener();
    },
  } satisfies HealthSource & Record<string, unknown>;
}

/** Opens the event stream over HTTP: `updatedAt` of every snapshot event received, in order. */
async function openEvents(url: string) {
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    get(`${url}/api/health/events`, resolve).on('error', reject),
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
  cleanups.push(() => response.destroy());
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

describe('createHealthHandler', () => {
  it('closes an event stream whose client stops reading, while a reading client gets every change', async () => {
    const source = changingSource(40);
    const eventBytes = JSON.stringify(source.getSnapshot()).length;
    const maxBufferedBytes = 256 * 1024;
    const backEnd = await serveFetch(
      createHealthHandler(source, { heartbeatMs: 60_000, maxBufferedBytes }),
    );
    cleanups.push(() => backEnd.close());

    const stalled = await openEvents(backEnd.url);
    stalled.response.pause();
    const reading = await openEvents(backEnd.url);
    expect(source.listeners.size).toBe(2);

    // Far more than the stalled client's socket buffers and the bound together can hold: without
    // a bound, its queue would take every one of these.
    const changes = Math.ceil((64 * 1024 * 1024) / eventBytes);
    let change = 0;
    while (change < changes && source.listeners.size === 2) {
      source.change();
      change++;
      await reading.receive(change);
    }
    expect(source.listeners.size).toBe(1);
    expect(change).toBeLessThan(changes);

    // The reading client keeps getting every change after the other one is gone.
    for (const last = change + 5; change < last; ) {
      source.change();
      change++;
      await reading.receive(change);
    }
    expect(reading.received).toEqual(Array.from({ length: change + 1 }, (_, index) => index));

    // The stalled client, reading again, finds its stream ended after a gapless prefix of changes.
    stalled.response.resume();
    await stalled.finished;
    expect(stalled.ended).toBe(true);
    const prefix = stalled.received;
    expect(prefix).toEqual(Array.from({ length: prefix.length }, (_, index) => index));
    expect(prefix.length).toBeLessThan(change);
  });

  it('refuses a buffer bound or heartbeat that is not a positive number, naming the option', () => {
    const source = changingSource(1);
    expect(() => createHealthHandler(source, { maxBufferedBytes: 0 })).toThrow(
      /maxBufferedBytes must be a positive number, got 0/,
    );
    expect(() => createHealthHandler(source, { maxBufferedBytes: Number.NaN })).toThrow(RangeError);
    expect(() =>
      createHealthHandler(source, { maxBufferedBytes: '1mb' as unknown as number }),
    ).toThrow(/maxBufferedBytes/);
    expect(() => createHealthHandler(source, { heartbeatMs: -1 })).toThrow(/heartbeatMs/);
  });
});
