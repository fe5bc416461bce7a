import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectionStatus } from './ConnectionStatus.js';
import { ar, de, ja } from './locales/index.js';
import { MakiniProvider } from './MakiniProvider.js';
import { fixedSource } from './testSource.js';

describe('ConnectionStatus', () => {
  it('is one live status element whose data-state follows the health', () => {
    const source = fixedSource({
      c1: { state: 'healthy', lastSuccessAt: Date.now() - 5 * 60_000 },
    });
    render(<ConnectionStatus connectionId="c1" health={source} variant="card" locale="en" />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.dataset.state).toBe('healthy');
    expect(status.textContent).toContain('Connected');
    expect(status.textContent).toContain('Last synced 5 minutes ago');

    act(() =>
      source.set({
        c1: { state: 'reauthorization_required', reason: 'The SAP password was changed.' },
      }),
    );
    expect(status.dataset.state).toBe('reauthorization_required');
    expect(status.textContent).toContain('Reconnect required');
    expect(status.textContent).toContain('The SAP password was changed.');
  });

  it.each([
    ['healthy', 'Connected'],
    ['syncing', 'Syncing'],
    ['degraded', 'Degraded'],
    ['reauthorization_required', 'Reconnect required'],
    ['disconnected', 'Disconnected'],
    ['unknown', 'Checking…'],
  ] as const)('labels %s as "%s"', (state, label) => {
    render(<ConnectionStatus connectionId="c1" health={fixedSource({ c1: { state } })} />);
    expect(screen.getByRole('status').textContent).toBe(label);
  });

  it('shows the error rate when degraded', () => {
    const source = fixedSource({ c1: { state: 'degraded', errorRate: 0.42, samples: 50 } });
    render(<ConnectionStatus connectionId="c1" health={source} variant="inline" locale="en" />);
    expect(screen.getByRole('status').textContent).toContain('42% of recent calls failed');
  });

  it('reads the provider, and an unknown connection as unknown', () => {
    render(
      <MakiniProvider health={fixedSource({})}>
        <ConnectionStatus connectionId="nope" />
      </MakiniProvider>,
    );
    expect(screen.getByRole('status').dataset.state).toBe('unknown');
  });

  it('translates every text through labels and locale', () => {
    const source = fixedSource({
      c1: { state: 'healthy', lastSuccessAt: Date.now() - 2 * 3_600_000 },
    });
    render(
      <ConnectionStatus
        connectionId="c1"
        health={source}
        variant="card"
        locale="de"
        labels={{
          states: { healthy: 'Verbunden' } as never,
          lastSync: (time) => `Zuletzt synchronisiert ${time}`,
        }}
      />,
    );
    expect(screen.getByRole('status').textContent).toContain('Verbunden');
    expect(screen.getByRole('status').textContent).toContain(
      'Zuletzt synchronisiert vor 2 Stunden',
    );
  });

  it('renders your element with asChild, and your content with a render prop', () => {
    const source = fixedSource({ c1: { state: 'syncing' } });
    const { rerender } = render(
      <ConnectionStatus connectionId="c1" health={source} asChild className="mine">
        <li>custom</li>
      </ConnectionStatus>,
    );
    const item = screen.getByRole('status');
    expect(item.tagName).toBe('LI');
    expect(item.dataset.state).toBe('syncing');
    expect(item.className).toBe('mine');
    rerender(
      <ConnectionStatus connectionId="c1" health={source}>
        {({ label, health }) => `${label} (${health.state})`}
      </ConnectionStatus>,
    );
    expect(screen.getByRole('status').textContent).toBe('Syncing (syncing)');
  });

  it('shares one source among many widgets and unsubscribes on unmount', () => {
    const source = fixedSource({ c1: { state: 'healthy' } });
    const { unmount } = render(
      <>
        <ConnectionStatus connectionId="c1" health={source} />
        <ConnectionStatus connectionId="c1" health={source} variant="card" />
      </>,
    );
    expect(screen.getAllByRole('status')).toHaveLength(2);
    unmount();
    expect(source.listeners.size).toBe(0);
  });

  it("speaks the provider's language, with its relative times and numbers", () => {
    const source = fixedSource({
      c1: {
        state: 'degraded',
        errorRate: 0.25,
        samples: 8,
        lastSuccessAt: Date.now() - 2 * 3_600_000,
      },
    });
    render(
      <MakiniProvider health={source} messages={de}>
        <ConnectionStatus connectionId="c1" variant="card" />
      </MakiniProvider>,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('Eingeschränkt');
    expect(status.textContent).toMatch(/25\s%\s?der letzten Aufrufe sind fehlgeschlagen/);
    expect(status.textContent).toContain('Zuletzt synchronisiert vor 2 Stunden');
    expect(status.getAttribute('dir')).toBe('ltr');
  });

  it("formats with `locale` and rewords with `labels` on top of the provider's language", () => {
    const source = fixedSource({
      c1: { state: 'healthy', lastSuccessAt: Date.now() - 2 * 3_600_000 },
    });
    render(
      <MakiniProvider health={source} messages={ja}>
        <ConnectionStatus
          connectionId="c1"
          variant="inline"
          locale="en"
          labels={{ states: { healthy: 'オンライン' } as never }}
        />
      </MakiniProvider>,
    );
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('オンライン');
    // The texts stay Japanese; only the relative time follows `locale`.
    expect(status.textContent).toContain('最終同期: 2 hours ago');
  });

  it('sets dir from the language: rtl for Arabic, ltr for English, or yours', () => {
    const source = fixedSource({ c1: { state: 'reauthorization_required' } });
    const { rerender } = render(
      <MakiniProvider health={source} messages={ar}>
        <ConnectionStatus connectionId="c1" />
      </MakiniProvider>,
    );
    expect(screen.getByRole('status').getAttribute('dir')).toBe('rtl');
    expect(screen.getByRole('status').textContent).toBe('يلزم إعادة الاتصال');
    rerender(
      <MakiniProvider health={source}>
        <ConnectionStatus connectionId="c1" />
      </MakiniProvider>,
    );
    expect(screen.getByRole('status').getAttribute('dir')).toBe('ltr');
    expect(screen.getByRole('status').textContent).toBe('Reconnect required');
    rerender(
      <MakiniProvider health={source} messages={ar}>
        <ConnectionStatus connectionId="c1" dir="auto" />
      </MakiniProvider>,
    );
    expect(screen.getByRole('status').getAttribute('dir')).toBe('auto');
  });

  it('refreshes its clock when the health changes, so a fresh sync never reads as future', () => {
    const source = fixedSource({ c1: { state: 'healthy', lastSuccessAt: Date.now() - 60_000 } });
    render(<ConnectionStatus connectionId="c1" health={source} variant="inline" locale="en" />);
    const later = Date.now() + 20_000;
    const realNow = Date.now;
    Date.now = () => later;
    try {
      act(() => source.set({ c1: { state: 'healthy', lastSuccessAt: later } }));
      expect(screen.getByRole('status').textContent).toContain('Last synced now');
      Date.now = () => later + 10 * 60_000;
      act(() => source.set({ c1: { state: 'healthy', lastSuccessAt: later + 8 * 60_000 } }));
      expect(screen.getByRole('status').textContent).toContain('Last synced 2 minutes ago');
    } finally {
      Date.now = realNow;
    }
  });
});
