import { describe, expect, it } from 'vitest';
import { createTestWebhook, createWebhookHandler, MemoryDedupeStore } from '../index.js';

const SECRET = `whsec_${Buffer.from('handler-tests-handler-tests-1234').toString('base64')}`;

describe('createWebhookHandler results', () => {
  it('carry the verified event in every answer after verification, and none before', async () => {
    let fail = true;
    const handler = createWebhookHandler({
      secret: SECRET,
      dedupe: new MemoryDedupeStore(),
      onError: () => undefined,
      on: {
        'sync.completed': () => {
          if (fail) throw new Error('transient');
        },
      },
    });
    const delivery = await createTestWebhook({
      type: 'sync.completed',
      connectionId: 'c_1',
      data: { sync_status: 'done' },
      secret: SECRET,
      id: 'evt_1',
    });
    const event = { id: 'evt_1', type: 'sync.completed', connection_id: 'c_1' };

    expect(await handler.handle(delivery)).toMatchObject({ status: 500, event });
    fail = false;
    expect(await handler.handle(delivery)).toMatchObject({
      status: 200,
      body: { ok: true },
      event,
    });
    expect(await handler.handle(delivery)).toMatchObject({
      status: 200,
      body: { ok: true, duplicate: true },
      event,
    });
    const forged = await handler.handle({ ...delivery, payload: `${delivery.payload} ` });
    expect(forged.status).toBe(400);
    expect(forged.event).toBeUndefined();
  });
});
