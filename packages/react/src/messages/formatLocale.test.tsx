import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionList } from '../ConnectionList.js';
import { ConnectionStatus } from '../ConnectionStatus.js';
import { MakiniProvider } from '../MakiniProvider.js';
import { SyncStatus } from '../SyncStatus.js';
import { fixedSource } from '../testSource.js';
import { de } from './de.js';
import { plural } from './plural.js';

afterEach(() => vi.restoreAllMocks());

const source = () =>
  fixedSource({
    c1: {
      state: 'degraded',
      errorRate: 0.5,
      samples: 4,
      lastSuccessAt: Date.now() - 2 * 3_600_000,
      sync: { status: 'done', updatedAt: Date.now() - 2 * 3_600_000 },
    },
  });

describe('a locale Intl refuses', () => {
  it.each(['xx_YY!', ''])('in a widget prop (%j) falls back to the messages locale', (locale) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(
      <MakiniProvider messages={de}>
        <ConnectionStatus connectionId="c1" health={source()} variant="card" locale={locale} />
        <SyncStatus connectionId="c1" health={source()} locale={locale} />
      </MakiniProvider>,
    );
    const [status, sync] = screen.getAllByRole('status');
    expect(status?.textContent).toContain('vor 2 Stunden');
    expect(sync?.textContent).toContain('vor 2 Stunden');
    expect(warn.mock.calls.join('\n')).toContain('`locale`');
  });

  it('in the messages falls back to en, and plural() too', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    render(
      <MakiniProvider messages={{ ...de, locale: 'not a locale' }}>
        <ConnectionStatus connectionId="c1" health={source()} variant="card" />
        <ConnectionList connections={[{ id: 'c1', name: 'SAP' }]} health={source()} />
      </MakiniProvider>,
    );
    expect(screen.getAllByRole('status')[0]?.textContent).toContain('2 hours ago');
    expect(plural('xx_YY!', 3, { one: '# item', other: '# items' })).toBe('3 items');
  });
});
