import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebhookHandler, signWebhook } from '../index.js';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;

describe('the default onError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reports a flood of refusals as one line per code a minute, with a count', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let now = Date.UTC(2026, 10, 26, 12);
    const handler = createWebhookHandler({ secret: SECRET, on: {}, now: () => now });
    const unsigned = { payload: '{}', headers: { 'webhook-id': 'msg_1' } };

    for (let index = 0; index < 50; index++) {
      expect((await handler.handle(unsigned)).status).toBe(400);
    }
    const { headers } = await signWebhook({
      payload: '{}',
      secret: `whsec_${Buffer.from('another-secret-another-secret!!!').toString('base64')}`,
      timestamp: Math.floor(now / 1000),
    });
    expect((await handler.handle({ payload: '{}', headers })).status).toBe(400);
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringContaining('webhook-signature header is missing'),
      expect.stringContaining('No signature matches the secret'),
    ]);

    now += 61_000;
    await handler.handle(unsigned);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[2]?.[0])).toContain('(and 49 more since the last report)');
  });

  it('reports every failure of your handler', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const handler = createWebhookHandler({
      secret: SECRET,
      on: {
        'connection.reauthorization_required': () => {
          throw new Error('mail server down');
        },
      },
    });
    for (let index = 0; index < 3; index++) {
      const signed = await signWebhook({
        secret: SECRET,
        payload: {
          id: `evt_${index}`,
          type: 'connection.reauthorization_required',
          created_at: '2026-11-26T12:00:00Z',
          connection_id: 'c_1',
          data: { reason: 'Password changed', status: 'reauthorization_required' },
        },
      });
      expect((await handler.handle(signed)).status).toBe(500);
    }
    expect(error).toHaveBeenCalledTimes(3);
    expect(String(error.mock.calls[0]?.[0])).toContain('handler failed for evt_0');
  });
});
