import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionList } from './ConnectionList.js';
import type { ConnectionListItem } from './connectionList/ConnectionListItem.js';
import { MakiniProvider } from './MakiniProvider.js';
import { en } from './messages/en.js';
import { fixedSource } from './testSource.js';

const connections: ConnectionListItem[] = [
  { id: 'c1', name: 'Plant North', system: 'SAP S/4HANA', platform: 'sap' },
  { id: 'c2', name: 'Harbor Cranes', system: 'IBM Maximo' },
  { id: 'c3', name: 'Warehouse East', system: 'Oracle NetSuite' },
];

const source = () =>
  fixedSource({
    c1: { state: 'healthy', lastSuccessAt: Date.now() - 5 * 60_000 },
    c2: { state: 'reauthorization_required', reason: 'The password was changed.' },
    c3: { state: 'degraded', errorRate: 0.25, samples: 8 },
  });

const link = { clientId: 'client_1', redirectUri: 'https://app.example/link/callback' };

/** The browser's window.open, replaced so the test sees the URLs it was asked to open. */
function stubPopup() {
  const opened: string[] = [];
  const popup = { closed: false, close: () => {}, focus: () => {} };
  vi.spyOn(window, 'open').mockImplementation((url) => {
    opened.push(String(url));
    return popup as unknown as Window;
  });
  return opened;
}

afterEach(() => vi.restoreAllMocks());

/** A promise the test settles by hand. */
function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const promise = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

const row = (name: string) =>
  screen.getByRole('rowheader', { name: new RegExp(name) }).closest('tr') as HTMLElement;
const disconnectOf = (name: string) =>
  within(row(name)).getByRole('button', { name: 'Disconnect' });

describe('ConnectionList', () => {
  it('is a table with column headers and one row per connection, named by its row header', () => {
    render(<ConnectionList connections={connections} health={source()} />);
    const table = screen.getByRole('table', { name: 'Connections' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => [header.textContent, header.getAttribute('scope')]),
    ).toEqual([
      ['System', 'col'],
      ['Status', 'col'],
      ['Last sync', 'col'],
      ['Actions', 'col'],
    ]);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((header) => header.textContent),
    ).toEqual([
      'Plant NorthSAP S/4HANA',
      'Harbor CranesIBM Maximo',
      'Warehouse EastOracle NetSuite',
    ]);
    expect(screen.getByText('3 connections')).toBeTruthy();
    expect(
      row('Plant North')
        .querySelector('[data-makini="connection-status"]')
        ?.getAttribute('data-state'),
    ).toBe('healthy');
    expect(row('Plant North').textContent).toContain('Last synced 5 minutes ago');
    expect(row('Harbor Cranes').textContent).toContain('Reconnect required');
    expect(row('Harbor Cranes').textContent).toContain('The password was changed.');
    expect(row('Harbor Cranes').textContent).toContain('Not synced yet');
    expect(row('Warehouse East').textContent).toContain('25% of recent calls failed');
  });

  it('emphasises Reconnect where the connection needs it, and follows the health', () => {
    const health = source();
    render(<ConnectionList connections={connections} health={health} />);
    const reconnectOf = (name: string) =>
      within(row(name)).getByRole('button', { name: 'Reconnect' });
    expect(reconnectOf('Plant North').dataset.priority).toBe('secondary');
    expect(reconnectOf('Harbor Cranes').dataset.priority).toBe('primary');
    expect(reconnectOf('Harbor Cranes').getAttribute('aria-describedby')).toBe(
      screen.getByRole('rowheader', { name: /Harbor Cranes/ }).id,
    );
    act(() => health.set({ c1: { state: 'reauthorization_required' } }));
    expect(reconnectOf('Plant North').dataset.priority).toBe('primary');
    expect(row('Plant North').dataset.state).toBe('reauthorization_required');
  });

  it('shows loading, empty and error states; Retry calls onRetry', () => {
    const onRetry = vi.fn();
    const onConnectNew = vi.fn();
    const { rerender, container } = render(
      <ConnectionList connections={undefined} onConnectNew={onConnectNew} />,
    );
    const root = container.firstElementChild as HTMLElement;
    expect(root.dataset.state).toBe('loading');
    expect(root.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByText('Loading connections…').getAttribute('role')).toBe('status');
    expect(screen.queryByRole('button')).toBeNull();

    rerender(<ConnectionList connections={[]} onConnectNew={onConnectNew} />);
    expect(root.dataset.state).toBe('empty');
    expect(screen.getByText('No systems connected yet.')).toBeTruthy();
    expect(screen.getByText('0 connections')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect a new system' }));
    expect(onConnectNew).toHaveBeenCalledOnce();

    rerender(<ConnectionList connections={undefined} error={new Error('502')} onRetry={onRetry} />);
    expect(root.dataset.state).toBe('error');
    expect(screen.getByRole('alert').textContent).toContain('The connections could not be loaded.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('has no Disconnect button without onDisconnect', () => {
    render(<ConnectionList connections={connections} health={source()} />);
    expect(screen.queryByRole('button', { name: 'Disconnect' })).toBeNull();
  });

  it('asks before disconnecting; Escape cancels and gives focus back to Disconnect', () => {
    const onDisconnect = vi.fn(async () => {});
    render(
      <ConnectionList connections={connections} health={source()} onDisconnect={onDisconnect} />,
    );
    const button = disconnectOf('Harbor Cranes');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const confirm = screen.getByRole('group', { name: 'Disconnect Harbor Cranes?' });
    expect(button.getAttribute('aria-controls')).toBe(confirm.closest('tr')?.id);
    expect(confirm.textContent).toContain('Data stops syncing');
    expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));

    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(onDisconnect).not.toHaveBeenCalled();

    fireEvent.click(button);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group')).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(onDisconnect).not.toHaveBeenCalled();
  });

  it('after a confirmed disconnect, removes the row, focuses the next row and announces it', async () => {
    const pending = deferred();
    const onDisconnect = vi.fn(() => pending.promise);
    render(
      <ConnectionList connections={connections} health={source()} onDisconnect={onDisconnect} />,
    );
    fireEvent.click(disconnectOf('Plant North'));
    const confirm = screen.getByRole('group', { name: 'Disconnect Plant North?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    expect(onDisconnect).toHaveBeenCalledWith(connections[0]);
    expect(confirm.getAttribute('aria-busy')).toBe('true');
    // A second press while it runs does nothing.
    fireEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    expect(onDisconnect).toHaveBeenCalledOnce();

    await act(async () => pending.resolve());
    expect(screen.queryByRole('rowheader', { name: /Plant North/ })).toBeNull();
    expect(document.activeElement).toBe(disconnectOf('Harbor Cranes'));
    const announcer = document.querySelector('[data-part="announcer"]') as HTMLElement;
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe('Plant North was disconnected.');
    expect(screen.getByText('2 connections')).toBeTruthy();
  });

  it('focuses the row before when the last row goes, and Connect a new system when none is left', async () => {
    const { rerender } = render(
      <ConnectionList
        connections={connections}
        health={source()}
        onDisconnect={async () => {}}
        onConnectNew={() => {}}
      />,
    );
    fireEvent.click(disconnectOf('Warehouse East'));
    await act(async () =>
      fireEvent.click(
        within(screen.getByRole('group')).getByRole('button', { name: 'Disconnect' }),
      ),
    );
    expect(document.activeElement).toBe(disconnectOf('Harbor Cranes'));

    // The host catches up: its list no longer has the removed one.
    const one = [connections[1] as ConnectionListItem];
    rerender(
      <ConnectionList
        connections={one}
        health={source()}
        onDisconnect={async () => {}}
        onConnectNew={() => {}}
      />,
    );
    fireEvent.click(disconnectOf('Harbor Cranes'));
    await act(async () =>
      fireEvent.click(
        within(screen.getByRole('group')).getByRole('button', { name: 'Disconnect' }),
      ),
    );
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Connect a new system' }),
    );
    expect(screen.getByText('No systems connected yet.')).toBeTruthy();
    expect(document.querySelector('[data-part="announcer"]')?.textContent).toBe(
      'Harbor Cranes was disconnected.',
    );
  });

  it('focuses the empty message when none is left and there is no Connect button', async () => {
    render(
      <ConnectionList
        connections={[connections[0] as ConnectionListItem]}
        onDisconnect={async () => {}}
      />,
    );
    fireEvent.click(disconnectOf('Plant North'));
    await act(async () =>
      fireEvent.click(
        within(screen.getByRole('group')).getByRole('button', { name: 'Disconnect' }),
      ),
    );
    expect(document.activeElement).toBe(screen.getByText('No systems connected yet.'));
  });

  it('keeps the row and says so when the disconnect fails', async () => {
    const onDisconnect = vi.fn(async () => {
      throw new Error('refused');
    });
    render(
      <ConnectionList connections={connections} health={source()} onDisconnect={onDisconnect} />,
    );
    fireEvent.click(disconnectOf('Harbor Cranes'));
    await act(async () =>
      fireEvent.click(
        within(screen.getByRole('group')).getByRole('button', { name: 'Disconnect' }),
      ),
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Harbor Cranes could not be disconnected. Try again.',
    );
    expect(row('Harbor Cranes')).toBeTruthy();
    expect(screen.getByRole('group').getAttribute('aria-busy')).toBe('false');
  });

  it('takes its texts and direction from the provider, and labels from props', () => {
    const messages = {
      ...en,
      locale: 'de',
      dir: 'rtl' as const,
      list: { ...en.list, label: 'Verbindungen', count: (n: number) => `${n} Verbindungen` },
    };
    const { container } = render(
      <MakiniProvider messages={messages}>
        <ConnectionList
          connections={connections}
          health={source()}
          labels={{ columns: { ...en.list.columns, system: 'Anlage' } }}
        />
      </MakiniProvider>,
    );
    expect(screen.getByRole('table', { name: 'Verbindungen' })).toBeTruthy();
    expect(screen.getByText('3 Verbindungen')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Anlage' })).toBeTruthy();
    expect((container.firstElementChild as HTMLElement).dir).toBe('rtl');
    expect(row('Plant North').textContent).toContain('vor 5 Minuten');
  });

  it('gives each row the options in `reconnect`, bound to its connection', () => {
    const opened = stubPopup();
    render(
      <ConnectionList
        connections={connections}
        health={fixedSource({ c1: { state: 'reauthorization_required' } })}
        reconnect={{ link, exchange: async () => {} }}
      />,
    );
    const button = within(row('Plant North')).getByRole('button', { name: /^Reconnect/ });
    fireEvent.click(button);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0] ?? '');
    expect(url.searchParams.get('client_id')).toBe('client_1');
    expect(url.searchParams.get('connection_id')).toBe('c1');
    expect(url.searchParams.get('platform')).toBe('sap');
    expect(button.dataset.state).toBe('waiting');
  });

  it("checks the list's health before opening, and reports the outcome with the row's connection", async () => {
    const opened = stubPopup();
    const onResult = vi.fn();
    render(
      <ConnectionList
        connections={connections}
        health={source()}
        reconnect={{ link, exchange: async () => {}, onResult }}
      />,
    );
    fireEvent.click(within(row('Plant North')).getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(onResult).toHaveBeenCalledOnce());
    expect(onResult).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'already_healthy', connectionId: 'c1' }),
      connections[0],
    );
    expect(opened).toEqual([]);
    expect(row('Plant North').dataset.connectionId).toBe('c1');
    // Nothing was done: the button goes back to idle, not "Reconnected".
    const button = within(row('Plant North')).getByRole('button', { name: /^Reconnect/ });
    await waitFor(() => expect(button.dataset.state).toBe('idle'));
    expect(button.dataset.outcome).toBe('already_healthy');
  });

  it('runs Link for a new system from Connect a new system with `connect`', () => {
    const opened = stubPopup();
    render(
      <ConnectionList
        connections={[]}
        connect={{ link, exchange: async () => ({ connectionId: 'new' }) }}
        onConnectNew={() => {
          throw new Error('not called when `connect` is given');
        }}
      />,
    );
    const button = screen.getByRole('button', { name: 'Connect a new system' });
    fireEvent.click(button);
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0] ?? '');
    expect(url.searchParams.get('client_id')).toBe('client_1');
    expect(url.searchParams.has('connection_id')).toBe(false);
    expect(button.dataset.state).toBe('waiting');
    expect(button.textContent).toBe('Waiting for sign-in…');
  });
});
