import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, legacyWebhookHeaders, standardWebhookHeaders } from './sign.js';

/**
 * Makini's published sample for the legacy scheme, in Node terms: the endpoint secret as given is
 * the key, the JSON payload the message, base64 the output.
 */
const makiniSample = (endpointSecret: string, data: unknown) =>
  createHmac('sha256', endpointSecret).update(JSON.stringify(data)).digest('base64');

/** Standard Webhooks: the secret's base64 (after an optional `whsec_`) is the key. */
const standardSample = (secret: string, id: string, timestamp: number, body: string) =>
  `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64')}`;

const data = {
  id: 'evt_1',
  type: 'sync.completed',
  created_at: '2026-11-26T12:00:00.000Z',
  connection_id: 'c_1',
  data: { sync_status: 'done' },
};
const body = JSON.stringify(data);

describe('legacyWebhookHeaders', () => {
  it.each([generateWebhookSecret(), 'makini-endpoint-secret', 'c2VjcmV0', 'pässwörd with spaces'])(
    "follows Makini's sample for the secret %s, whsec_ or not",
    (secret) => {
      expect(legacyWebhookHeaders(body, secret)).toEqual({
        'x-makini-signature': makiniSample(secret, data),
      });
    },
  );
});

describe('standardWebhookHeaders', () => {
  it('decodes a secret without whsec_ as base64, as Standard Webhooks does', () => {
    const base64 = randomBytes(32).toString('base64');
    const prefixed = standardWebhookHeaders('msg_1', 1_795_000_000, body, [`whsec_${base64}`]);
    const bare = standardWebhookHeaders('msg_1', 1_795_000_000, body, [base64]);
    expect(bare).toEqual(prefixed);
    expect(bare['webhook-signature']).toBe(standardSample(base64, 'msg_1', 1_795_000_000, body));
  });

  it('signs once per secret during a rotation', () => {
    const secrets = [generateWebhookSecret(), generateWebhookSecret()];
    expect(standardWebhookHeaders('msg_1', 1_795_000_000, body, secrets)).toEqual({
      'webhook-id': 'msg_1',
      'webhook-timestamp': '1795000000',
      'webhook-signature': secrets
        .map((secret) => standardSample(secret, 'msg_1', 1_795_000_000, body))
        .join(' '),
    });
  });
});
