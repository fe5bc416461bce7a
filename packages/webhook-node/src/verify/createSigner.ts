import { WEBHOOK_EVENT_TYPES, type WebhookEvent, type WebhookEventType } from '@makini-kit/core';
import type { HmacProvider } from '../crypto/HmacProvider.js';
import { isWebhookId, isWebhookTimestamp } from './headerRules.js';
import { BAD_ID, BAD_TIMESTAMP } from './refusals.js';
import { orThrow, secretKeys, type WebhookSecret } from './secrets.js';

/** What `signWebhook` signs, and how. */
export interface SignWebhookOptions {
  /** The body to sign; an object is serialized with `JSON.stringify`. */
  payload: string | Uint8Array | object;
  /** The endpoint secret; with several, one signature each (standard scheme). */
  secret: WebhookSecret;
  /** 1 to 256 characters without ".", as the verifier requires. @default a random `msg_…` id */
  id?: string;
  /** Whole seconds since the epoch. @default now */
  timestamp?: number;
  /** @default 'standard' */
  scheme?: 'standard' | 'legacy';
}

/** A signed delivery: send `payload` with `headers`. */
export interface SignedWebhook<Payload extends string | Uint8Array = string | Uint8Array> {
  /** The exact body that was signed; send it unchanged (an object payload comes back as its JSON). */
  payload: Payload;
  /** The signature headers, and `content-type`. */
  headers: Record<string, string>;
}

const randomId = () => `msg_${crypto.randomUUID().replace(/-/g, '')}`;

export function createSigner(hmac: HmacProvider) {
  /**
   * Signs a payload the way Makini (and the sandbox) does: Standard Webhooks headers, one
   * `v1,<base64>` signature per secret, or the legacy `x-makini-signature`, keyed by the first
   * secret as it is written (Makini's sample does not base64-decode a `whsec_` secret there).
   *
   * @throws {WebhookVerificationError} `INVALID_SECRET`, or `INVALID_HEADER` for an `id` or
   * `timestamp` the verifier would refuse
   *
   * @example
   * const { payload, headers } = await signWebhook({ payload: event, secret: 'whsec_…' });
   * await fetch(url, { method: 'POST', headers, body: payload });
   */
  function signWebhook(
    options: SignWebhookOptions & { payload: Uint8Array },
  ): Promise<SignedWebhook<Uint8Array>>;
  function signWebhook(
    options: SignWebhookOptions & { payload: string | object },
  ): Promise<SignedWebhook<string>>;
  async function signWebhook(options: SignWebhookOptions): Promise<SignedWebhook> {
    const payload =
      typeof options.payload === 'string' || options.payload instanceof Uint8Array
        ? options.payload
        : JSON.stringify(options.payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.scheme === 'legacy') {
      const [key] = orThrow(secretKeys(options.secret, 'legacy'));
      const signature = await hmac.sign(key as Uint8Array, [payload]);
      headers['x-makini-signature'] = hmac.toBase64(signature);
      return { payload, headers };
    }
    const keys = orThrow(secretKeys(options.secret));
    // What the verifier would refuse is refused here, before anything is sent.
    const id = options.id ?? randomId();
    if (!isWebhookId(id)) throw BAD_ID.toError();
    const seconds = options.timestamp ?? Math.floor(Date.now() / 1000);
    if (!isWebhookTimestamp(seconds)) throw BAD_TIMESTAMP.toError();
    const timestamp = String(seconds);
    const signatures: string[] = [];
    for (const key of keys) {
      const signature = await hmac.sign(key, [`${id}.${timestamp}.`, payload]);
      signatures.push(`v1,${hmac.toBase64(signature)}`);
    }
    headers['webhook-id'] = id;
    headers['webhook-timestamp'] = timestamp;
    headers['webhook-signature'] = signatures.join(' ');
    return { payload, headers };
  }

  /**
   * A signed test event of any type, for your own tests: the envelope is filled in, `data` is
   * yours to give (it must fit the type's schema if you verify it).
   *
   * @example
   * const { payload, headers, event } = await createTestWebhook({
   *   type: 'connection.reauthorization_required', connectionId: 'c_1', data: { reason: 'Password changed' }, secret,
   * });
   */
  async function createTestWebhook<Type extends WebhookEventType>(options: {
    /** The event type. */
    type: Type;
    /** Sent as `connection_id`. */
    connectionId: string;
    /** The event's `data`. */
    data: Extract<WebhookEvent, { type: Type }>['data'] | Record<string, unknown>;
    /** The endpoint secret to sign with. */
    secret: WebhookSecret;
    /** The event and delivery id. @default a random `evt_…` id */
    id?: string;
    /** Whole seconds since the epoch, also `created_at`. @default now */
    timestamp?: number;
  }): Promise<
    SignedWebhook<string> & {
      /** The event as sent, before signing. */
      event: Record<string, unknown>;
    }
  > {
    if (!WEBHOOK_EVENT_TYPES.includes(options.type)) {
      throw new TypeError(
        `Unknown event type ${options.type}; use one of ${WEBHOOK_EVENT_TYPES.join(', ')}.`,
      );
    }
    const id = options.id ?? `evt_${crypto.randomUUID().replace(/-/g, '')}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const event = {
      id,
      type: options.type,
      created_at: new Date(timestamp * 1000).toISOString(),
      connection_id: options.connectionId,
      data: options.data,
    };
    const signed = await signWebhook({ payload: event, secret: options.secret, id, timestamp });
    return { ...signed, event };
  }

  return { signWebhook, createTestWebhook };
}
