import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MakiniProvider } from './MakiniProvider.js';
import { en } from './messages/en.js';
import type { Messages } from './messages/Messages.js';
import { SyncStatus } from './SyncStatus.js';
import { fixedSource } from './testSource.js';

const link = { clientId: 'sandbox_client', redirectUri: 'http://localhost/link/callback' };

describe('SyncStatus', () => {
  it('is one live status element whose data-state follows health.sync', () => {
    const source = fixedSource({
      c1: { state: 'syncing', sync: { status: 'inprogress', updatedAt: Date.now() - 5 * 60_000 } },
    });
    render(<SyncStatus connectionId="c1" health={source} locale="en" />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.dataset.state).toBe('inprogress');
    expect(status.textContent).toContain('Syncing');
    expect(status.textContent).toContain('Updated 5 minutes ago');

    act(() =>
      source.set({ c1: { state: 'healthy', sync: { status: 'done', updatedAt: Date.now() } } }),
    );
    expect(status.dataset.state).toBe('done');
    expect(status.textContent).toContain('Synced');
    expect(status.textContent).toContain('Updated now');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it.each([
    ['inprogress', 'Syncing'],
    ['done', 'Synced'],
    ['fulldone', 'Fully synced'],
    ['error', 'Sync error'],
    ['fail', 'Sync failed'],
  ] as const)('labels %s as "%s"', (status, label) => {
    render(
      <SyncStatus
        connectionId="c1"
        health={fixedSource({ c1: { state: 'healthy', sync: { status } } })}
      />,
    );
    expect(screen.getByRole('status').querySelector('[data-part="label"]')?.textContent).toBe(
      label,
    );
  });

  it('tells loading from never synced, both as data-state unknown', () => {
    const source = fixedSource({});
    render(<SyncStatus connectionId="c1" health={source} />);
    const status = screen.getByRole('status');
    expect(status.dataset.state).toBe('unknown');
    expect(status.textContent).toBe('Checking…');
    act(() => source.set({ c1: { state: 'healthy' } }));
    expect(status.dataset.state).toBe('unknown');
    expect(status.textContent).toBe('Not synced yet');
  });

  it('shows fail with its reason and a Reconnect button that uses the reconnect options', () => {
    const source = fixedSource({
      c1: {
        state: 'reauthorization_required',
        sync: { status: 'fail', reason: 'The SAP password was changed.' },
      },
    });
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign } as never);
    try {
      render(
        <SyncStatus connectionId="c1" health={source} reconnect={{ link, mode: 'redirect' }} />,
      );
      const status = screen.getByRole('status');
      expect(status.textContent).toContain('The SAP password was changed.');
      const button = screen.getByRole('button', { name: 'Reconnect to resume syncing' });
      fireEvent.click(button);
      expect(assign).toHaveBeenCalledOnce();
      const url = new URL(String(assign.mock.calls[0]?.[0]));
      expect(url.searchParams.get('client_id')).toBe('sandbox_client');
      expect(open).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('falls back to the default reason for fail and error when Makini gives none', () => {
    const source = fixedSource({
      c1: { state: 'reauthorization_required', sync: { status: 'fail' } },
    });
    const { unmount } = render(<SyncStatus connectionId="c1" health={source} />);
    expect(screen.getByRole('status').textContent).toContain(en.sync.reasons.fail);
    unmount();
    render(
      <SyncStatus
        connectionId="c1"
        health={fixedSource({ c1: { state: 'healthy', sync: { status: 'error' } } })}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain(en.sync.reasons.error);
  });

  it('offers the error action only when onRetry is given, and calls it', () => {
    const source = fixedSource({ c1: { state: 'healthy', sync: { status: 'error' } } });
    const { rerender } = render(<SyncStatus connectionId="c1" health={source} />);
    expect(screen.queryByRole('button')).toBeNull();
    const onRetry = vi.fn();
    rerender(<SyncStatus connectionId="c1" health={source} onRetry={onRetry} />);
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('takes its texts and direction from the provider, and times from locale', () => {
    const arabic: Messages = {
      ...en,
      locale: 'ar',
      dir: 'rtl',
      sync: { ...en.sync, states: { ...en.sync.states, done: 'تمت المزامنة' } },
    };
    const source = fixedSource({
      c1: { state: 'healthy', sync: { status: 'done', updatedAt: Date.now() - 2 * 3_600_000 } },
    });
    render(
      <MakiniProvider messages={arabic} health={source}>
        <SyncStatus connectionId="c1" variant="card" locale="de" />
      </MakiniProvider>,
    );
    const status = screen.getByRole('status');
    expect(status.getAttribute('dir')).toBe('rtl');
    expect(status.dataset.variant).toBe('card');
    expect(status.textContent).toContain('تمت المزامنة');
    expect(status.textContent).toContain('vor 2 Stunden');
  });
});
