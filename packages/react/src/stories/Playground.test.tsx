import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { de } from '../locales/index.js';
import { Playground, type PlaygroundProps } from './Playground.js';

const initial: PlaygroundProps = {
  state: 'healthy',
  errorRate: 0,
  lastSyncMinutesAgo: 4,
  syncStatus: 'done',
  locale: 'en',
  variant: 'card',
};

describe('the Playground story', () => {
  it('follows its controls on the mounted widgets: state, error rate, sync status, language, variant', () => {
    const screen = render(<Playground {...initial} />);
    const [status, sync] = screen.getAllByRole('status');
    expect(status?.getAttribute('data-state')).toBe('healthy');
    expect(sync?.getAttribute('data-state')).toBe('done');

    screen.rerender(
      <Playground {...initial} state="degraded" errorRate={0.5} syncStatus="error" />,
    );
    // The same elements: the source changed under them, nothing remounted.
    expect(status?.getAttribute('data-state')).toBe('degraded');
    expect(status?.textContent).toContain('50% of recent calls failed');
    expect(sync?.getAttribute('data-state')).toBe('error');

    screen.rerender(
      <Playground
        {...initial}
        state="reauthorization_required"
        reason="The password was changed."
        syncStatus="fail"
        locale="de"
        variant="badge"
      />,
    );
    const [badge, failed] = screen.getAllByRole('status');
    expect(badge?.getAttribute('data-variant')).toBe('badge');
    expect(badge?.textContent).toContain(de.status.states.reauthorization_required);
    expect(failed?.getAttribute('data-state')).toBe('fail');
    expect(screen.getByRole('button', { name: de.sync.actions.fail }).isConnected).toBe(true);
  });
});
