import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { legacyWebhookHeaders, startSandbox } from '@makini-kit/sandbox';
import { describe, expect, it } from 'vitest';
import * as nodeEntry from '../index.js';
import * as webEntry from '../index.web.js';

/**
 * Makini's published sample for the legacy scheme, in Node terms: the endpoint secret as given is
 * the key, the JSON payload the message, base64 the output.
 */
const makiniSample = (endpointSecret: string, data: unknown) =>
  createHmac('sha256', endpointSecret).update(JSON.stringify(data)).digest('base64');

const data = {
  id: 'evt_legacy',
  type: 'sync.completed',
  created_at: new Date().toISOString(),
  connection_id: 'c_1',
  data: { sync_status: 'done' },
};
const SECRETS = [
  `whsec_${randomBytes(32).toString('base64')}`,
  'makini-endpoint-secret',
  'c2VjcmV0', // base64 of "secret", used as the text it is
  'pässwörd with spaces',
];

describe.each(SECRETS)('the legacy scheme with the secret %s', (secret) => {
  const expected = makiniSample(secret, data);
  const payload = JSON.stringify(data);

  it("the sandbox's signer follows Makini's sample", () => {
    expect(legacyWebhookHeaders(payload, secret)).toEqual({ 'x-makini-signature': expected });
  });

  it.each([
    ['node:crypto', nodeEntry],
    ['WebCrypto', webEntry],
  ] as const)("signWebhook follows Makini's sample (%s)", async (_, entry) => {
    const signed = await entry.signWebhook({ payload: data, secret, scheme: 'legacy' });
    expect(signed.payload).toBe(payload);
    expect(signed.headers['x-makini-signature']).toBe(expected);
  });

  it.each([
    ['node:crypto', nodeEntry.verifyWebhook],
    ['WebCrypto', webEntry.verifyWebhook],
    [
      'safeVerifyWebhook',
      async (options: Parameters<typeof nodeEntry.verifyWebhook>[0]) => {
        const result = nodeEntry.safeVerifyWebhook(options);
        if (!result.ok) throw result.toError();
        return result.event;
      },
    ],
  ] as const)("the verifier accepts Makini's sample (%s)", async (_, verify) => {
    const headers = { 'x-makini-signature': expected };
    const event = await verify({ payload, headers, secret, scheme: 'legacy' });
    expect(event.id).toBe('evt_legacy');
  });
});

describe('the legacy scheme end to end', () => {
  it('a whsec_ secret: what the sandbox sends over HTTP, the handler verifies', async () => {
    const secret = SECRETS[0] as string;
    const received: string[] = [];
    const handler = nodeEntry.createWebhookHandler({
      secret,
      scheme: 'legacy',
      dedupe: new nodeEntry.MemoryDedupeStore(),
      onError: () => undefined,
      on: { 'sync.completed': (event) => void received.push(event.id) },
    });
    const server = createServer(nodeEntry.toNodeHandler(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sandbox = await startSandbox({ port: 0, orders: 1, webhookRetryScheduleMs: [] });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
      sandbox.admin.addWebhookEndpoint({ url, secret, scheme: 'legacy' });
      const sent = sandbox.admin.trigger(
        'sync.completed',
        sandbox.admin.connections()[0]?.connectionKey ?? '',
      );
      const attempt = await sandbox.admin.waitForDelivery(() => true);
      expect(attempt).toMatchObject({ ok: true, status: 200 });
      expect(received).toEqual([sent.id]);
    } finally {
      await sandbox.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
