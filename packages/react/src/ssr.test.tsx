// @vitest-environment node
import type { HealthSnapshot, HealthSource } from '@makini-kit/core';
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

  it('reads a server snapshot through a source whose methods need `this`', () => {
    class ServerSource implements HealthSource {
      private readonly snapshot: HealthSnapshot = {
        connections: {
          c1: {
            connectionId: 'c1',
            state: 'degraded',
            since: 0,
            errorRate: 0,
            samples: 0,
            history: [],
          },
        },
        updatedAt: 1,
      };
      subscribe() {
        return () => {};
      }
      getSnapshot(): HealthSnapshot {
        throw new Error('a server render reads getServerSnapshot');
      }
      getServerSnapshot() {
        return this.snapshot;
      }
    }
    const html = renderToString(<ConnectionStatus connectionId="c1" health={new ServerSource()} />);
    expect(html).toContain('data-state="degraded"');
  });
});
