import { afterEach, describe, expect, it } from 'vitest';

const SECRET = `whsec_${Buffer.from('stack-tests-stack-tests-stack-te').toString('base64')}`;
const original = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');

afterEach(() => {
  if (original) Object.defineProperty(Error, 'stackTraceLimit', original);
  else delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
});

/** Imports both entry points and refuses through every path that builds an error. */
async function refuseEverywhere() {
  const nodeEntry = await import('../index.js');
  const webEntry = await import('../index.web.js');
  const delivery = await nodeEntry.createTestWebhook({
    type: 'sync.completed',
    connectionId: 'c_1',
    data: { sync_status: 'done' },
    secret: SECRET,
  });
  const forged = { payload: `${delivery.payload} `, headers: delivery.headers, secret: SECRET };
  const errors: unknown[] = [];
  for (const verify of [
    nodeEntry.verifyWebhook,
    nodeEntry.verifyWebhookSignature,
    webEntry.verifyWebhook,
  ]) {
    await verify(forged).catch((error: unknown) => errors.push(error));
  }
  const refusal = nodeEntry.safeVerifyWebhook({ ...forged, headers: {} });
  if (!refusal.ok) errors.push(refusal.toError());
  await nodeEntry
    .signWebhook({ payload: '{}', secret: 'whsec_***' })
    .catch((error: unknown) => errors.push(error));
  const handler = nodeEntry.createWebhookHandler({
    secret: SECRET,
    on: {},
    onError: (error) => void errors.push(error),
  });
  expect((await handler.handle(forged)).status).toBe(400);
  expect(errors).toHaveLength(6);
  return { errors, WebhookVerificationError: nodeEntry.WebhookVerificationError };
}

describe('Error.stackTraceLimit', () => {
  it('is never written while the package refuses webhooks', async () => {
    const writes: unknown[] = [];
    let value = 10;
    Object.defineProperty(Error, 'stackTraceLimit', {
      configurable: true,
      enumerable: true,
      get: () => value,
      set: (next: number) => {
        writes.push(next);
        value = next;
      },
    });
    await refuseEverywhere();
    expect(writes).toEqual([]);
  });

  it('stays absent in a runtime that has none', async () => {
    delete (Error as { stackTraceLimit?: number }).stackTraceLimit;
    await refuseEverywhere();
    expect(Object.hasOwn(Error, 'stackTraceLimit')).toBe(false);
  });

  it('keeps its value and descriptor after importing and using the package', async () => {
    Error.stackTraceLimit = 7;
    const before = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
    await refuseEverywhere();
    expect(Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')).toEqual(before);
  });
});

describe('refusal errors', () => {
  it('carry no stack frames, whatever the limit, and are still WebhookVerificationErrors', async () => {
    Error.stackTraceLimit = 50;
    const { errors, WebhookVerificationError } = await refuseEverywhere();
    for (const error of errors as InstanceType<typeof WebhookVerificationError>[]) {
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error).toBeInstanceOf(Error);
      expect(WebhookVerificationError.is(error)).toBe(true);
      expect(error.name).toBe('WebhookVerificationError');
      expect(error.kind).toBe('makini.WebhookVerificationError');
      expect(error.message.length).toBeGreaterThan(20);
      expect(error.stack).toBe(`WebhookVerificationError: ${error.message}`);
      expect(String(error)).toBe(`WebhookVerificationError: ${error.message}`);
      expect(Object.keys(error)).not.toContain('message');
    }
    expect(errors.map((error) => (error as { code: string }).code)).toEqual([
      'NO_MATCHING_SIGNATURE',
      'NO_MATCHING_SIGNATURE',
      'NO_MATCHING_SIGNATURE',
      'MISSING_HEADER',
      'INVALID_SECRET',
      'NO_MATCHING_SIGNATURE',
    ]);
  });

  it('keep the cause and the authentic event of a SCHEMA_MISMATCH', async () => {
    const { signWebhook, verifyWebhook } = await import('../index.js');
    const odd = JSON.stringify({ id: 'evt_1', type: 'sync.completed', data: {} });
    const { headers } = await signWebhook({ payload: odd, secret: SECRET });
    const error = await verifyWebhook({ payload: odd, headers, secret: SECRET }).catch(
      (caught: unknown) => caught as { cause: unknown; event: unknown; code: string },
    );
    expect(error).toMatchObject({ code: 'SCHEMA_MISMATCH', event: JSON.parse(odd) });
    expect((error as { cause: unknown }).cause).toBeInstanceOf(Error);
  });
});
