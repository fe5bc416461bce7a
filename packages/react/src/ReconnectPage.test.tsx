import type { ReconnectOutcome } from '@makini-kit/core';
import { returnFromLink } from '@makini-kit/core';
import { act, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { en } from './messages/en.js';
import { ReconnectPage } from './ReconnectPage.js';
import { fixedSource } from './testSource.js';

afterEach(() => {
  sessionStorage.clear();
  vi.restoreAllMocks();
});

/** What the callback leaves after an exchange of `tok-1`, as `<LinkCallback>` leaves it. */
function cameBack(answer?: Parameters<typeof returnFromLink>[1]) {
  const replace = vi.fn();
  const win = { location: { replace }, sessionStorage } as unknown as Window;
  const completion = { mode: 'redirect' as const, code: 'c', state: 's', connectionId: 'conn-1' };
  returnFromLink({ ...completion, returnTo: '/reconnect', token: 'tok-1' }, answer, win);
}

/** A back end that says the link is used, as it does once the callback redeemed it. */
const usedLink = () => Promise.reject(Object.assign(new Error('used'), { code: 'LINK_USED' }));

function renderPage(props: Partial<Parameters<typeof ReconnectPage>[0]> = {}) {
  const outcomes: ReconnectOutcome[] = [];
  const view = render(
    <StrictMode>
      <ReconnectPage
        token="tok-1"
        verify={usedLink}
        exchange={() => Promise.reject(new Error('not called'))}
        onResult={(outcome) => outcomes.push(outcome)}
        {...props}
      />
    </StrictMode>,
  );
  const root = () => view.container.querySelector<HTMLElement>('[data-makini="reconnect-page"]');
  return { outcomes, root, view };
}

describe('<ReconnectPage> back from a redirect', () => {
  it('without health in the answer or a source, fails NOT_CONFIRMABLE once, and says what to do', async () => {
    cameBack();
    const { outcomes, root } = renderPage();
    await vi.waitFor(() => expect(root()?.dataset.state).toBe('returned'));
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ type: 'failed', code: 'NOT_CONFIRMABLE' });
    // The outcome is told before React renders it.
    await vi.waitFor(() => expect(screen.getByText(en.reconnectPage.refusedHelp)).toBeTruthy());
    expect(screen.queryByRole('button')).toBeNull();
    expect(root()?.dataset.refusal).toBeUndefined();
  });

  it('waits for the health source, then reports reconnected once', async () => {
    cameBack();
    const health = fixedSource({ 'conn-1': { state: 'reauthorization_required' } });
    const { outcomes, root } = renderPage({ health });
    await vi.waitFor(() => expect(root()?.dataset.state).toBe('returned'));
    expect(screen.getByRole('status').textContent).toBe(en.reconnect.states.confirming);
    act(() => health.set({ 'conn-1': { state: 'healthy' } }));
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ type: 'reconnected', confirmedBy: 'health' });
    expect(screen.queryByText(en.reconnectPage.refusedHelp)).toBeNull();
  });

  it('ends a confirmation the source never gives with timed_out', async () => {
    cameBack();
    const health = fixedSource({ 'conn-1': { state: 'reauthorization_required' } });
    const { outcomes } = renderPage({ health, confirmTimeoutMs: 50 });
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ type: 'timed_out', phase: 'confirmation' });
    // The customer did sign in: the page says the connection is not confirmed, not "too long".
    expect(screen.getByText(en.outcomes.not_confirmed ?? '')).toBeDefined();
    expect(screen.queryByText(en.outcomes.timed_out)).toBeNull();
  });

  it.each([-1, Number.NaN, 2 ** 31])(
    'refuses confirmTimeoutMs %s with a RangeError, as the button does, before confirming anything',
    (confirmTimeoutMs) => {
      cameBack();
      vi.spyOn(console, 'error').mockImplementation(() => undefined);
      expect(() => renderPage({ confirmTimeoutMs })).toThrow(RangeError);
    },
  );

  it('reports once, though the page renders again with new props', async () => {
    const working = fixedSource({ 'conn-1': { state: 'healthy' } });
    const health = working.getSnapshot().connections['conn-1'];
    if (!health) throw new Error('the source has no entry');
    cameBack({ connectionId: 'conn-1', health });
    const { outcomes, view } = renderPage();
    await vi.waitFor(() => expect(outcomes).toHaveLength(1));
    expect(outcomes[0]).toMatchObject({ type: 'reconnected', confirmedBy: 'exchange' });
    view.rerender(
      <StrictMode>
        <ReconnectPage
          token="tok-1"
          verify={usedLink}
          exchange={() => Promise.reject(new Error('not called'))}
          onResult={(outcome) => outcomes.push(outcome)}
          confirmTimeoutMs={5_000}
          health={working}
        />
      </StrictMode>,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(outcomes).toHaveLength(1);
  });

  it('is refused as used when the return is for another link', async () => {
    cameBack();
    const { outcomes, root } = renderPage({ token: 'tok-2' });
    await vi.waitFor(() => expect(root()?.dataset.refusal).toBe('LINK_USED'));
    expect(outcomes).toEqual([]);
  });
});
