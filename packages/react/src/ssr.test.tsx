// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectionStatus, MakiniProvider, ReconnectButton } from './index.js';
import { fixedSource } from './testSource.js';

describe('server rendering', () => {
  it("renders without a window, from the source's snapshot", () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const health = fixedSource({
      c1: { state: 'reauthorization_required', reason: 'Password changed' },
    });
    const html = renderToString(
      <MakiniProvider
        health={health}
        link={{ clientId: 'c', redirectUri: 'https://app.example/cb' }}
      >
        <ConnectionStatus connectionId="c1" variant="card" />
        <ReconnectButton connectionId="c1" />
      </MakiniProvider>,
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('data-state="reauthorization_required"');
    expect(html).toContain('Password changed');
    expect(html).toMatch(/<button[^>]*type="button"[^>]*data-state="idle"/);
  });
});
