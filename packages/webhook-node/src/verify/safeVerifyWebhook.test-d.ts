import type { WebhookEvent } from '@makini-kit/core';
import { describe, expectTypeOf, it } from 'vitest';
import { safeVerifyWebhook, safeVerifyWebhookSignature } from '../index.js';
import type { WebhookVerificationErrorCode } from './WebhookVerificationError.js';

declare const options: Parameters<typeof safeVerifyWebhook>[0];

describe('safeVerifyWebhook types', () => {
  it('narrows on ok: the event on success, the code and the Error on refusal', () => {
    const result = safeVerifyWebhook(options);
    expectTypeOf(result).not.toExtend<Promise<unknown>>();
    if (result.ok) {
      expectTypeOf(result.event).toEqualTypeOf<WebhookEvent>();
    } else {
      expectTypeOf(result.code).toEqualTypeOf<WebhookVerificationErrorCode>();
      expectTypeOf(result.toError().code).toEqualTypeOf<WebhookVerificationErrorCode>();
      // @ts-expect-error: a refusal's event is unverified JSON of unknown shape
      result.event.type;
    }
  });

  it('returns no event from the signature check', () => {
    const result = safeVerifyWebhookSignature(options);
    if (result.ok) expectTypeOf(result).toEqualTypeOf<{ readonly ok: true }>();
  });
});
