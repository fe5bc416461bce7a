import { act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStatus } from './ConnectionStatus.js';
import { LastSyncCell } from './connectionList/LastSyncCell.js';
import { SyncStatus } from './SyncStatus.js';
import { fixedSource } from './testSource.js';

const realNow = Date.now;
const cleanups: (() => void)[] = [];
afterEach(() => {
  Date.now = realNow;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Renders on a "server" whose clock reads 56 s after the sync, hydrates 10 s later. */
async function hydrateLater(tree: ReactNode): Promise<unknown[]> {
  const start = realNow();
  Date.now = () => start;
  const container = document.createElement('div');
  container.innerHTML = renderToString(tree);
  document.body.append(container);
  Date.now = () => start + 10_000;
  const recoverable: unknown[] = [];
  let root: Root | undefined;
  await act(async () => {
    root = hydrateRoot(container, tree, { onRecoverableError: (e) => recoverable.push(e) });
  });
  cleanups.push(() => {
    act(() => root?.unmount());
    container.remove();
  });
  expect(container.textContent).toMatch(/56 seconds ago|1 minute ago/);
  return recoverable;
}

describe('relative times across hydration', () => {
  const at = realNow() - 56_000;
  it.each([
    [
      'ConnectionStatus',
      () => (
        <ConnectionStatus
          connectionId="c1"
          variant="card"
          locale="en"
          health={fixedSource({ c1: { state: 'healthy', lastSuccessAt: at } })}
        />
      ),
    ],
    [
      'SyncStatus',
      () => (
        <SyncStatus
          connectionId="c1"
          locale="en"
          health={fixedSource({
            c1: { state: 'healthy', sync: { status: 'done', updatedAt: at } },
          })}
        />
      ),
    ],
    [
      'the list cell',
      () => (
        <LastSyncCell
          connectionId="c1"
          locale="en"
          health={fixedSource({ c1: { state: 'healthy', lastSuccessAt: at } })}
        />
      ),
    ],
  ])('%s hydrates a server time that has moved on without a mismatch', async (_, tree) => {
    const source = tree();
    expect(await hydrateLater(source)).toEqual([]);
  });
});
