import { PENDING_LINK_KEY } from '@makini-kit/core/internal';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LinkCallback } from './LinkCallback.js';
import { fr } from './locales/index.js';
import { MakiniProvider } from './MakiniProvider.js';

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('LinkCallback', () => {
  it("says what failed in the provider's language", () => {
    window.history.replaceState(null, '', '/link/callback?error=access_denied&state=s1');
    render(
      <MakiniProvider messages={fr}>
        <LinkCallback />
      </MakiniProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe(fr.callback.failedPopup);
    expect(screen.getByRole('status').getAttribute('dir')).toBe('ltr');
  });

  it('finishes, then reports a refused exchange, in English by default', async () => {
    window.sessionStorage.setItem(
      PENDING_LINK_KEY,
      JSON.stringify({ state: 's2', connectionId: 'c1', returnTo: '/' }),
    );
    window.history.replaceState(null, '', '/link/callback?code=abc&state=s2');
    let refuse: (error: Error) => void = () => {};
    const exchange = new Promise<void>((_, reject) => {
      refuse = reject;
    });
    const errors: unknown[] = [];
    render(<LinkCallback onComplete={() => exchange} onError={(error) => errors.push(error)} />);
    expect(screen.getByRole('status').textContent).toBe('Finishing the connection…');
    await act(async () => {
      refuse(new Error('refused'));
      await exchange.catch(() => {});
    });
    expect(screen.getByRole('status').textContent).toBe(
      'The connection could not be completed. Go back and try again.',
    );
    expect(errors).toHaveLength(1);
  });
});
