import type { WebhookEvent } from '@makini-kit/core';
import type { HmacProvider } from '../crypto/HmacProvider.js';
import { decodeBase64Into } from '../encoding/decodeBase64.js';
import { traceVerification } from '../telemetry/traceVerification.js';
import { legacyEvent } from './legacyEvent.js';
import { parseEvent } from './parseEvent.js';
import { type Prechecked, precheck } from './precheck.js';
import { NO_LEGACY_MATCH, NO_MATCH } from './refusals.js';
import type {
  RawPayload,
  VerifyWebhookOptions,
  WebhookSignatureVerification,
  WebhookVerification,
} from './VerifyWebhookOptions.js';
import { WebhookRefusal } from './WebhookRefusal.js';

const SIGNATURE_OK: WebhookSignatureVerification = Object.freeze({ ok: true });

/** After a signature matched (`refused` undefined): the event, or only `{ ok: true }`. */
function conclude(
  refused: WebhookRefusal | undefined,
  checked: Prechecked,
  payload: RawPayload,
  parse: boolean,
): WebhookVerification | WebhookSignatureVerification {
  if (refused) return refused;
  if (checked.scheme === 'legacy') return legacyEvent(payload, checked, parse);
  return parse ? parseEvent(payload) : SIGNATURE_OK;
}

/**
 * Builds the verifier on an HMAC implementation. Every step returns a {@link WebhookRefusal}
 * instead of throwing, and stays synchronous while the HMAC does (node:crypto): the same code is
 * the synchronous `safeVerifyWebhook` on Node and the async `verifyWebhook` everywhere.
 */
export function createVerifier(hmac: HmacProvider) {
  // One expected MAC at a time, decoded right before its comparison: nothing runs in between,
  // even when the HMAC was asynchronous, so one buffer serves every verification.
  const expected = new Uint8Array(new ArrayBuffer(32));

  function matches(checked: Prechecked, digest: Uint8Array): boolean {
    for (const start of checked.candidates) {
      const decoded = decodeBase64Into(expected, checked.signatures, start, start + 44);
      if (decoded && hmac.equal(digest, expected)) return true;
    }
    return false;
  }

  /**
   * The HMAC step, after {@link precheck}: tries each secret in turn. `undefined` when one
   * matches. Synchronous while the HMAC is; continues asynchronously from the first digest that
   * is a promise.
   */
  function checkSignature(
    checked: Prechecked,
    from = 0,
  ): WebhookRefusal | undefined | Promise<WebhookRefusal | undefined> {
    for (let index = from; index < checked.keys.length; index++) {
      const digest = hmac.sign(checked.keys[index] as Uint8Array, checked.parts);
      if (digest instanceof Promise) {
        return digest.then((value) =>
          matches(checked, value) ? undefined : checkSignature(checked, index + 1),
        );
      }
      if (matches(checked, digest)) return undefined;
    }
    return checked.scheme === 'legacy' ? NO_LEGACY_MATCH : NO_MATCH;
  }

  /** Precheck, HMAC and (with `parse`) the event: the whole verification as a value. */
  function verify(options: VerifyWebhookOptions, parse: true): MaybePromise<WebhookVerification>;
  function verify(
    options: VerifyWebhookOptions,
    parse: false,
  ): MaybePromise<WebhookSignatureVerification>;
  function verify(
    options: VerifyWebhookOptions,
    parse: boolean,
  ): MaybePromise<WebhookVerification | WebhookSignatureVerification> {
    if (options.telemetry) {
      const { telemetry } = options;
      return traceVerification(telemetry, options.scheme ?? 'standard', () =>
        verifyNow(options, parse),
      );
    }
    return verifyNow(options, parse);
  }

  function verifyNow(
    options: VerifyWebhookOptions,
    parse: boolean,
  ): MaybePromise<WebhookVerification | WebhookSignatureVerification> {
    const checked = precheck(options);
    if (checked instanceof WebhookRefusal) return checked;
    const outcome = checkSignature(checked);
    return outcome instanceof Promise
      ? outcome.then((refused) => conclude(refused, checked, options.payload, parse))
      : conclude(outcome, checked, options.payload, parse);
  }

  /**
   * Checks headers, timestamp and signature only, without reading the payload: for forwarding the
   * raw bytes to a queue. (The legacy scheme reads the body's `created_at`, its only timestamp.)
   *
   * @throws {WebhookVerificationError} with a `code` saying why
   * @example
   * await verifyWebhookSignature({ payload: rawBody, headers: request.headers, secret });
   * await queue.send(rawBody); // verified; parsed later by the consumer
   */
  function verifyWebhookSignature(options: VerifyWebhookOptions): Promise<void> {
    return settle(
      () => verify(options, false),
      () => undefined,
    );
  }

  /**
   * Verifies a webhook and returns its typed, schema-checked event.
   *
   * @throws {WebhookVerificationError} with a `code` saying why
   * @example
   * const event = await verifyWebhook({ payload: rawBody, headers: request.headers, secret: process.env.MAKINI_WEBHOOK_SECRET });
   * if (event.type === 'connection.reauthorization_required') await notifyCustomer(event.connection_id);
   */
  function verifyWebhook(options: VerifyWebhookOptions): Promise<WebhookEvent> {
    return settle(
      () => verify(options, true),
      (verified) => verified.event,
    );
  }

  return { verify, verifyWebhook, verifyWebhookSignature };
}

type MaybePromise<T> = T | Promise<T>;

/**
 * A verification as a promise: rejected with the refusal's Error (or anything `run` threw), or
 * resolved with `value` of the success. Not an `async` function: a synchronous (node:crypto)
 * result settles the promise at once, without the extra turns an `await` would take.
 */
function settle<Verification extends { ok: boolean }, Value>(
  run: () => MaybePromise<Verification | WebhookRefusal>,
  value: (verified: Exclude<Verification, WebhookRefusal>) => Value,
): Promise<Value> {
  const unwrap = (result: Verification | WebhookRefusal): Promise<Value> =>
    result instanceof WebhookRefusal
      ? Promise.reject(result.toError())
      : Promise.resolve(value(result as Exclude<Verification, WebhookRefusal>));
  try {
    const result = run();
    return result instanceof Promise ? result.then(unwrap) : unwrap(result);
  } catch (error) {
    return Promise.reject(error);
  }
}

export type Verifier = ReturnType<typeof createVerifier>;
