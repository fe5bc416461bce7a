import { afterEach, describe, expect, it } from 'vitest';
import { changeUntilOneIsDropped, changingHealthSource } from '../../test/changingHealthSource.js';
import { openHealthEvents } from '../../test/openHealthEvents.js';
import { serveFetch } from '../../test/serveFetch.js';
import { createHealthHandler } from './createHealthHandler.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
const openEvents = (url: string) =>
  openHealthEvents(`${url}/api/health/events`, (cleanup) => cleanups.push(cleanup));

describe('createHealthHandler', () => {
  it('closes an event stream whose client stops reading, while a reading client gets every change', async () => {
    const source = changingHealthSource(40);
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

    // Without a bound, the stalled client's queue would take every change.
    const dropped = await changeUntilOneIsDropped(source, reading, eventBytes);
    let change = dropped.change;
    expect(source.listeners.size).toBe(1);
    expect(change).toBeLessThan(dropped.changes);

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
    const source = changingHealthSource(1);
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
