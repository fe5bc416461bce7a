// @vitest-environment happy-dom

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionHealth, HealthSnapshot, HealthSource } from '../health/ConnectionHealth.js';
import { PENDING_LINK_KEY } from './linkMessages.js';
import type { LinkFlowInput } from './startLinkFlow.js';
import { type LinkFlowOutcome, startLinkFlow } from './startLinkFlow.js';

/** The `HealthSource` interface with entries the test sets (the monitor that fills it for real is tested against the sandbox). */
function fixedSource(entries: Record<string, Partial<ConnectionHealth>>) {
  const listeners = new Set<() => void>();
  let snapshot: HealthSnapshot = { connections: {}, updatedAt: 0 };
  const set = (next: Record<string, Partial<ConnectionHealth>>) => {
    const connections: Record<string, ConnectionHealth> = {};
    for (const [connectionId, health] of Object.entries(next))
      connections[connectionId] = {
        connectionId,
        state: 'unknown',
        since: 0,
        errorRate: 0,
        samples: 0,
        history: [],
        ...health,
      };
    snapshot = { connections, updatedAt: snapshot.updatedAt + 1 };
    for (const listener of listeners) listener();
  };
  set(entries);
  const source: HealthSource = {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
  };
  return Object.assign(source, { set, listeners });
}

const link = {
  clientId: 'client_1',
  redirectUri: 'https://app.example/link/callback',
  linkUrl: 'https://link.example',
};
const ORIGIN = 'https://app.example';

/** window.open, answered by a stand-in popup (the browser API, not the kit's code). */
function stubPopup(blocked = false) {
  const popup = { closed: false, close: vi.fn(() => (popup.closed = true)), focus: vi.fn() };
  const opened: string[] = [];
  vi.spyOn(window, 'open').mockImplementation((url) => {
    opened.push(String(url));
    return blocked ? null : (popup as unknown as Window);
  });
  const state = () => new URL(opened[0] ?? 'http://x').searchParams.get('state') ?? '';
  const answer = (search: string, origin = ORIGIN) =>
    window.dispatchEvent(
      new MessageEvent('message', { data: { source: 'makini-link', search }, origin }),
    );
  return { popup, opened, state, answer };
}

function start(overrides: Partial<LinkFlowInput> = {}, options: Record<string, unknown> = {}) {
  const outcomes: LinkFlowOutcome[] = [];
  const states: string[] = [];
  const flow = startLinkFlow({
    kind: 'reconnect',
    connectionId: 'c1',
    options: () => options,
    link,
    health: undefined,
    redirectNow: false,
    onStateChange: (state) => states.push(state),
    onOutcome: (outcome) => outcomes.push(outcome),
    ...overrides,
  });
  return { flow, outcomes, states };
}

const healthy = (id: string): Partial<ConnectionHealth> => ({ connectionId: id, state: 'healthy' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  sessionStorage.clear();
});

describe('startLinkFlow', () => {
  it('opens the popup synchronously, before the promise could be awaited, bound to the connection', () => {
    const { opened } = stubPopup();
    start({}, { exchange: vi.fn() });
    expect(opened).toHaveLength(1);
    expect(new URL(opened[0] ?? '').searchParams.get('connection_id')).toBe('c1');
  });

  it('leaves connection_id out when not bound, and always for a new system', () => {
    const { opened } = stubPopup();
    start({}, { bound: false, exchange: vi.fn() });
    start({ kind: 'connect', connectionId: undefined }, { exchange: vi.fn() });
    expect(opened.map((url) => new URL(url).searchParams.has('connection_id'))).toEqual([
      false,
      false,
    ]);
  });

  it('is already_healthy without opening anything when the source shows it working', async () => {
    const { opened } = stubPopup();
    const health = fixedSource({ c1: healthy('c1') });
    const { flow } = start({ health });
    await expect(flow.promise).resolves.toMatchObject({
      type: 'already_healthy',
      connectionId: 'c1',
    });
    expect(opened).toHaveLength(0);
    expect(health.listeners.size).toBe(0);
  });

  it('opens anyway with force', () => {
    const { opened } = stubPopup();
    start({ health: fixedSource({ c1: healthy('c1') }) }, { force: true, exchange: vi.fn() });
    expect(opened).toHaveLength(1);
  });

  it('is reconnected when the exchange answers working health, once, and ignores late messages', async () => {
    const { state, answer, popup } = stubPopup();
    const exchange = vi.fn(async () => ({ health: { ...healthy('c1') } as ConnectionHealth }));
    const { flow, outcomes } = start({}, { exchange });
    answer(`?code=good&state=${state()}`);
    await expect(flow.promise).resolves.toMatchObject({
      type: 'reconnected',
      confirmedBy: 'exchange',
    });
    answer(`?code=again&state=${state()}`);
    answer(`?error=access_denied&state=${state()}`);
    await vi.advanceTimersByTimeAsync(700_000);
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(outcomes).toHaveLength(1);
    expect(popup.close).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('confirms through the health source after the exchange, and stops listening to it', async () => {
    const { state, answer } = stubPopup();
    const health = fixedSource({ c1: { state: 'reauthorization_required' } });
    const { flow, states } = start({ health }, { exchange: async () => undefined });
    answer(`?code=good&state=${state()}`);
    await vi.waitFor(() => expect(states.at(-1)).toBe('confirming'));
    health.set({ c1: { state: 'degraded' } });
    expect(flow.settled).toBe(false);
    health.set({ c1: healthy('c1') });
    await expect(flow.promise).resolves.toMatchObject({
      type: 'reconnected',
      confirmedBy: 'health',
    });
    expect(health.listeners.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('with force, a stale healthy entry does not confirm; one published after the exchange does', async () => {
    const { state, answer } = stubPopup();
    const health = fixedSource({ c1: healthy('c1') });
    const { flow } = start({ health }, { force: true, exchange: async () => undefined });
    answer(`?code=good&state=${state()}`);
    await vi.advanceTimersByTimeAsync(10);
    expect(flow.settled).toBe(false);
    health.set({ c1: { ...healthy('c1'), checkedAt: 2 } });
    await expect(flow.promise).resolves.toMatchObject({ type: 'reconnected' });
  });

  /**
   * A run whose health never turns: starts with `confirmTimeoutMs`, lets `later` change the options
   * while the customer signs in, then the code arrives; asserts the run is still open 1 ms before
   * `endsAfter` and timed out in its confirmation at it.
   */
  async function confirmationEnds(
    confirmTimeoutMs: number,
    endsAfter: number,
    later: (options: Record<string, unknown>) => void = () => {},
  ) {
    const { state, answer } = stubPopup();
    const health = fixedSource({ c1: { state: 'reauthorization_required' } });
    const options: Record<string, unknown> = { exchange: async () => {}, confirmTimeoutMs };
    const { flow } = start({ health }, options);
    later(options);
    answer(`?code=good&state=${state()}`);
    await vi.advanceTimersByTimeAsync(endsAfter - 1);
    expect(flow.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(flow.promise).resolves.toMatchObject({ type: 'timed_out', phase: 'confirmation' });
    return { flow, health };
  }

  it('times out the confirmation after confirmTimeoutMs', async () => {
    const { flow, health } = await confirmationEnds(5000, 5000);
    await expect(flow.promise).resolves.toEqual({
      type: 'timed_out',
      connectionId: 'c1',
      phase: 'confirmation',
    });
    expect(health.listeners.size).toBe(0);
  });

  it('takes the confirmTimeoutMs the options say when the code arrives', async () => {
    // A framework's props changed while the customer signed in.
    await confirmationEnds(1000, 5000, (options) => {
      options.confirmTimeoutMs = 5000;
    });
  });

  it.each([-1, Number.NaN, 2 ** 31])(
    'keeps the checked confirmTimeoutMs when the options later say %s, and reports it',
    async (bad) => {
      const reported: (() => void)[] = [];
      vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => reported.push(task));
      await confirmationEnds(5000, 5000, (options) => {
        options.confirmTimeoutMs = bad;
      });
      expect(reported).toHaveLength(1);
      expect(() => reported[0]?.()).toThrow(RangeError);
    },
  );

  it('fails with EXCHANGE_FAILED, not silence, when the options function throws as the code arrives', async () => {
    const reported: (() => void)[] = [];
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => reported.push(task));
    const { state, answer } = stubPopup();
    let reads = 0;
    const broken = new Error('props are gone');
    const { flow } = start({
      options: () => {
        reads += 1;
        if (reads > 1) throw broken;
        return { exchange: async () => {}, confirmTimeoutMs: 5000 };
      },
    });
    answer(`?code=good&state=${state()}`);
    await expect(flow.promise).resolves.toMatchObject({
      type: 'failed',
      connectionId: 'c1',
      code: 'EXCHANGE_FAILED',
    });
    // The callback event's and the deadline's reads were reported; the run still had a deadline.
    expect(reported.length).toBeGreaterThanOrEqual(2);
    for (const task of reported) expect(task).toThrow(broken);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('times out the sign-in after timeoutMs and closes the popup', async () => {
    const { popup } = stubPopup();
    const { flow } = start({}, { timeoutMs: 1000, exchange: vi.fn() });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(flow.promise).resolves.toMatchObject({ type: 'timed_out', phase: 'sign_in' });
    expect(popup.close).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is cancelled when the popup closes, or the customer presses Cancel', async () => {
    const first = stubPopup();
    const closed = start({}, { exchange: vi.fn() });
    first.popup.closed = true;
    await vi.advanceTimersByTimeAsync(2000);
    await expect(closed.flow.promise).resolves.toEqual({
      type: 'cancelled',
      connectionId: 'c1',
      reason: 'closed',
    });
    vi.restoreAllMocks();
    const second = stubPopup();
    const denied = start({}, { exchange: vi.fn() });
    second.answer(`?error=access_denied&state=${second.state()}`);
    await expect(denied.flow.promise).resolves.toMatchObject({ reason: 'access_denied' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('is failed with the error, its code and request id when the exchange throws', async () => {
    const { state, answer } = stubPopup();
    const error = Object.assign(new Error('invalid_grant'), {
      code: 'invalid_grant',
      requestId: 'req_1',
    });
    const { flow } = start({}, { exchange: () => Promise.reject(error) });
    answer(`?code=good&state=${state()}`);
    await expect(flow.promise).resolves.toEqual({
      type: 'failed',
      connectionId: 'c1',
      error,
      code: 'invalid_grant',
      requestId: 'req_1',
    });
  });

  it('is failed with a TypeError when nothing can confirm, or a new system has no key', async () => {
    const one = stubPopup();
    const unconfirmable = start({}, { exchange: () => {} });
    one.answer(`?code=good&state=${one.state()}`);
    await expect(unconfirmable.flow.promise).resolves.toMatchObject({ code: 'NOT_CONFIRMABLE' });
    vi.restoreAllMocks();
    const two = stubPopup();
    const connect = start(
      { kind: 'connect', connectionId: undefined },
      { exchange: async () => ({}) },
    );
    two.answer(`?code=good&state=${two.state()}`);
    const outcome = await connect.flow.promise;
    expect(outcome).toMatchObject({ type: 'failed', code: 'NO_CONNECTION_ID' });
    expect((outcome as { error: unknown }).error).toBeInstanceOf(TypeError);
  });

  it('is connected for a new system once the key it answered is healthy', async () => {
    const { state, answer } = stubPopup();
    const health = fixedSource({});
    const { flow } = start(
      { kind: 'connect', connectionId: undefined, health },
      { exchange: async () => ({ connectionId: 'new1' }) },
    );
    answer(`?code=good&state=${state()}`);
    await vi.waitFor(() => expect(health.listeners.size).toBe(1));
    health.set({ new1: healthy('new1') });
    await expect(flow.promise).resolves.toMatchObject({ type: 'connected', connectionId: 'new1' });
  });

  it("offers this tab when the popup is blocked and popupBlocked is 'offer', without leaving", async () => {
    stubPopup(true);
    const { flow } = start({}, { popupBlocked: 'offer', exchange: vi.fn() });
    await expect(flow.promise).resolves.toEqual({
      type: 'popup_blocked',
      connectionId: 'c1',
      fallback: 'offered',
    });
    expect(sessionStorage.getItem(PENDING_LINK_KEY)).toBeNull();
  });

  it('ends a flow waiting for sign-in as cancelled on abort, but not one past sign-in', async () => {
    const first = stubPopup();
    const waiting = start({}, { exchange: vi.fn() });
    waiting.flow.abort();
    await expect(waiting.flow.promise).resolves.toMatchObject({ type: 'cancelled' });
    expect(first.popup.close).toHaveBeenCalled();
    vi.restoreAllMocks();
    const second = stubPopup();
    let finish: (value: unknown) => void = () => {};
    const exchanging = start({}, { exchange: () => new Promise((resolve) => (finish = resolve)) });
    second.answer(`?code=good&state=${second.state()}`);
    exchanging.flow.abort();
    expect(exchanging.flow.settled).toBe(false);
    finish({ health: healthy('c1') });
    await expect(exchanging.flow.promise).resolves.toMatchObject({ type: 'reconnected' });
  });

  it('fails at once, opening nothing, when a popup has no exchange to send the code to', async () => {
    const { opened } = stubPopup();
    const { flow, states } = start({}, {});
    await expect(flow.promise).resolves.toMatchObject({
      type: 'failed',
      connectionId: 'c1',
      code: 'NO_EXCHANGE',
    });
    expect(opened).toHaveLength(0);
    expect(states).not.toContain('waiting');
  });

  it('times out the confirmation when the exchange never answers, from the moment the code arrives', async () => {
    const { state, answer, popup } = stubPopup();
    const { flow } = start({}, { exchange: () => new Promise(() => {}), confirmTimeoutMs: 5000 });
    await vi.advanceTimersByTimeAsync(3000);
    answer(`?code=good&state=${state()}`);
    expect(popup.close).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(4999);
    expect(flow.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(flow.promise).resolves.toEqual({
      type: 'timed_out',
      connectionId: 'c1',
      phase: 'confirmation',
    });
  });

  it('runs from a plain options object, with only what a page without a framework passes', async () => {
    const { state, answer } = stubPopup();
    const states: string[] = [];
    const events: string[] = [];
    const flow = startLinkFlow({
      kind: 'reconnect',
      connectionId: 'c1',
      link,
      options: {
        exchange: async () => ({ health: healthy('c1') as ConnectionHealth }),
        onEvent: (event) => events.push(event.type),
      },
      onStateChange: (next) => states.push(next),
    });
    answer(`?code=good&state=${state()}`);
    await expect(flow.promise).resolves.toMatchObject({ type: 'reconnected' });
    // The last state and event follow from the outcome, as a button shows them.
    expect(states).toEqual(['opening', 'waiting', 'exchanging', 'success']);
    expect(events).toEqual(['open', 'callback', 'success']);
  });

  it('ends in the state and event each outcome leaves', async () => {
    const events: unknown[] = [];
    const failed = start({}, { onEvent: (event: unknown) => events.push(event) });
    await failed.flow.promise;
    expect(failed.states.at(-1)).toBe('error');
    expect(events).toContainEqual(expect.objectContaining({ type: 'error' }));
    const healthyAlready = start({ health: fixedSource({ c1: healthy('c1') }) });
    await healthyAlready.flow.promise;
    expect(healthyAlready.states).toEqual(['idle']);
    stubPopup(true);
    const offered = start({}, { exchange: vi.fn(), popupBlocked: 'offer' });
    await offered.flow.promise;
    expect(offered.states.at(-1)).toBe('blocked');
  });

  it('refuses a timing that is not a positive number of milliseconds a timer can wait, before opening anything', () => {
    const { opened } = stubPopup();
    expect(() => start({}, { exchange: vi.fn(), timeoutMs: 0 })).toThrow(
      new RangeError(
        'timeoutMs must be a positive number of milliseconds up to 2147483647 (2^31-1, the longest timer); got 0.',
      ),
    );
    expect(() => start({}, { exchange: vi.fn(), confirmTimeoutMs: Number.NaN })).toThrow(
      RangeError,
    );
    // A browser's timer fires at once past 2^31-1 ms.
    expect(() => start({}, { exchange: vi.fn(), timeoutMs: 2 ** 31 })).toThrow(RangeError);
    expect(opened).toHaveLength(0);
  });

  it('ends a run still waiting for sign-in when another opens the popup, which has one name', async () => {
    const popups: { closed: boolean; close: () => void; focus: () => void }[] = [];
    vi.spyOn(window, 'open').mockImplementation(() => {
      const popup = { closed: false, close: () => (popup.closed = true), focus: () => {} };
      popups.push(popup);
      return popup as unknown as Window;
    });
    const first = start({}, { exchange: vi.fn() });
    const second = start({ connectionId: 'c2' }, { exchange: vi.fn() });
    await expect(first.flow.promise).resolves.toEqual({
      type: 'cancelled',
      connectionId: 'c1',
      reason: 'closed',
    });
    expect(popups.map((popup) => popup.closed)).toEqual([true, false]);
    // The first run's sign-in deadline is gone with it: it cannot close the second run's window.
    await vi.advanceTimersByTimeAsync(600_000);
    expect(popups[1]?.closed).toBe(true);
    await expect(second.flow.promise).resolves.toMatchObject({
      type: 'timed_out',
      connectionId: 'c2',
      phase: 'sign_in',
    });
    expect(first.outcomes).toHaveLength(1);
  });

  it('goes on when onEvent throws, and reports that error as uncaught after the step', async () => {
    const reported: (() => void)[] = [];
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => reported.push(task));
    const onEvent = vi.fn(() => {
      throw new Error('analytics is down');
    });
    const { state, answer, popup } = stubPopup();
    const exchange = vi.fn(async () => ({ health: { ...healthy('c1') } as ConnectionHealth }));
    const { flow, outcomes } = start({}, { onEvent, exchange });
    answer(`?code=good&state=${state()}`);
    await expect(flow.promise).resolves.toMatchObject({ type: 'reconnected' });
    expect(popup.close).toHaveBeenCalled();
    expect(outcomes).toEqual([expect.objectContaining({ type: 'reconnected' })]);
    // open, callback, success: each threw, and each error is reported.
    expect(onEvent).toHaveBeenCalledTimes(3);
    expect(reported).toHaveLength(3);
    expect(() => reported[0]?.()).toThrow('analytics is down');
  });
});
