import { createRemoteHealthSource } from '@makini-kit/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { ConnectionList, type ConnectionListItem } from './index.js';

declare module 'vitest/browser' {
  interface BrowserCommands {
    rotateCredentials: (connectionKey: string) => Promise<{ username: string; password: string }>;
  }
}

afterEach(() => cleanup());

/** The host back end's answers, as the page would fetch them. */
async function backendJson<T>(path: string, init?: RequestInit): Promise<T> {
  const { backendUrl } = inject('reconnect');
  const response = await fetch(`${backendUrl}${path}`, init);
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

describe('ConnectionList in Chromium against the sandbox', () => {
  it('shows live health per row, and disconnects for real after a keyboard confirmation', async () => {
    const { backendUrl } = inject('reconnect');
    const connections = await backendJson<ConnectionListItem[]>('/connection-list/seed', {
      method: 'POST',
    });
    expect(connections).toHaveLength(3);
    const [first, second, third] = connections as [
      ConnectionListItem,
      ConnectionListItem,
      ConnectionListItem,
    ];
    const health = createRemoteHealthSource({ url: `${backendUrl}/health` });
    const disconnected: string[] = [];
    render(
      <ConnectionList
        connections={connections}
        health={health}
        onConnectNew={() => {}}
        onDisconnect={async (connection) => {
          const response = await fetch(
            `${backendUrl}/connection-list/connections/${encodeURIComponent(connection.id)}`,
            { method: 'DELETE' },
          );
          if (!response.ok) throw new Error(`The disconnect failed with ${response.status}.`);
          disconnected.push(connection.id);
        }}
      />,
    );
    // Where focus is at the moment each announcement is written: already moved, never on <body>.
    const focusAtAnnouncement: Array<{ text: string; focused: Element | null }> = [];
    const observer = new MutationObserver(() => {
      const text = document.querySelector('[data-part="announcer"]')?.textContent ?? '';
      if (text && focusAtAnnouncement.at(-1)?.text !== text) {
        focusAtAnnouncement.push({ text, focused: document.activeElement });
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const nameOf = (connection: ConnectionListItem) =>
      new RegExp(connection.name.replace(/[()]/g, '\\$&'));
    const row = (connection: ConnectionListItem) =>
      screen.getByRole('rowheader', { name: nameOf(connection) }).closest('tr') as HTMLElement;
    const stateOf = (connection: ConnectionListItem) => row(connection).dataset.state;
    try {
      for (const connection of connections) {
        expect(row(connection).textContent).toContain(connection.system);
        await expect
          .poll(() => stateOf(connection), { timeout: 10_000 })
          .toMatch(/^(healthy|syncing)$/);
      }

      // The customer changes the third system's password: its row asks for a reconnect.
      await commands.rotateCredentials(third.id);
      await expect.poll(() => stateOf(third), { timeout: 10_000 }).toBe('reauthorization_required');
      expect(row(third).textContent).toContain('Reconnect required');
      expect(within(row(third)).getByRole('button', { name: 'Reconnect' }).dataset.priority).toBe(
        'primary',
      );
      expect(stateOf(first)).toMatch(/^(healthy|syncing)$/);

      // Keyboard: Disconnect, Escape, Disconnect again, then confirm.
      const disconnect = within(row(first)).getByRole('button', { name: 'Disconnect' });
      disconnect.focus();
      await userEvent.keyboard('{Enter}');
      const confirm = screen.getByRole('group', { name: `Disconnect ${first.name}?` });
      expect(document.activeElement).toBe(within(confirm).getByRole('button', { name: 'Cancel' }));
      await userEvent.keyboard('{Escape}');
      expect(screen.queryByRole('group')).toBeNull();
      expect(document.activeElement).toBe(disconnect);
      expect(await backendJson<string[]>('/connection-list/connections')).toContain(first.id);

      await userEvent.keyboard('{Enter}');
      await userEvent.tab({ shift: true });
      await userEvent.keyboard('{Enter}');
      await expect.poll(() => screen.queryByRole('rowheader', { name: nameOf(first) })).toBeNull();
      await expect
        .poll(() => document.querySelector('[data-part="announcer"]')?.textContent, {
          timeout: 10_000,
        })
        .toBe(`${first.name} was disconnected.`);
      expect(disconnected).toEqual([first.id]);
      const secondDisconnect = within(row(second)).getByRole('button', { name: 'Disconnect' });
      expect(document.activeElement).toBe(secondDisconnect);
      expect(focusAtAnnouncement).toEqual([
        { text: `${first.name} was disconnected.`, focused: secondDisconnect },
      ]);
      const left = await backendJson<string[]>('/connection-list/connections');
      expect(left).not.toContain(first.id);
      expect(left).toEqual(expect.arrayContaining([second.id, third.id]));

      // The other two go as well: focus ends on "Connect a new system".
      for (const connection of [second, third]) {
        await userEvent.click(within(row(connection)).getByRole('button', { name: 'Disconnect' }));
        await userEvent.click(
          within(screen.getByRole('group')).getByRole('button', { name: 'Disconnect' }),
        );
        await expect
          .poll(() => document.querySelector('[data-part="announcer"]')?.textContent, {
            timeout: 10_000,
          })
          .toBe(`${connection.name} was disconnected.`);
      }
      const connectNew = screen.getByRole('button', { name: 'Connect a new system' });
      expect(document.activeElement).toBe(connectNew);
      expect(focusAtAnnouncement.at(-1)).toEqual({
        text: `${third.name} was disconnected.`,
        focused: connectNew,
      });
      expect(screen.getByText('No systems connected yet.')).toBeTruthy();
      const none = await backendJson<string[]>('/connection-list/connections');
      expect(none.filter((id) => connections.some((connection) => connection.id === id))).toEqual(
        [],
      );
    } finally {
      observer.disconnect();
      health.close();
    }
  });
});
