import {
  type Telemetry,
  WEBHOOK_EVENT_TYPES,
  type WebhookEvent,
  type WebhookEventType,
} from '@makini-kit/core';
import { checkClaim } from '../dedupe/checkClaim.js';
import type { DedupeStore } from '../dedupe/DedupeStore.js';
import { keepClaim } from '../dedupe/keepClaim.js';
import { traceHandler } from '../telemetry/traceHandler.js';
import type { Verifier } from '../verify/createVerifier.js';
import type { WebhookHeaders } from '../verify/readHeader.js';
import type { WebhookSecret } from '../verify/secrets.js';
import type { VerifyWebhookOptions } from '../verify/VerifyWebhookOptions.js';
import { checkHandlerOptions, isSetupMistake } from './checkHandlerOptions.js';
import { consoleReporter } from './consoleReporter.js';
import { OPTION_BOUNDS } from './optionBounds.js';

/** Handlers per event type; `event` is narrowed to that type. */
export type WebhookHandlers = {
  [Type in WebhookEventType]?: (
    event: Extract<WebhookEvent, { type: Type }>,
  ) => unknown | Promise<unknown>;
};

/** What `createWebhookHandler` takes: the secret, your handlers and how to deduplicate. */
export interface WebhookHandlerOptions {
  /** The endpoint secret, or several while rotating (see `VerifyWebhookOptions.secret`). */
  secret: WebhookSecret;
  /** Your handler for each event type you handle; the others go to `onUnhandled`. */
  on: WebhookHandlers;
  /**
   * Called for authentic events no handler in `on` takes, including event types newer than this
   * package (then `event` is the raw JSON). Acknowledged with 200 either way.
   */
  onUnhandled?: (event: WebhookEvent | Record<string, unknown>) => unknown | Promise<unknown>;
  /**
   * Remembers processed ids so a redelivered event runs once. Required with `scheme: 'legacy'`,
   * whose signature dates nothing but the body's `created_at`. @default none
   */
  dedupe?: DedupeStore;
  /**
   * How long a claim lasts without renewal, in milliseconds from 1 to 2_147_483_647 (the longest
   * timer Node keeps). The claim is renewed every third of it while your handler runs, so this
   * bounds how long a crashed or paused instance holds an event.
   * @default 60_000
   */
  processingTtlMs?: number;
  /**
   * How long a processed id is remembered (longer than the sender retries), in milliseconds from 1
   * to `Number.MAX_SAFE_INTEGER`; with the legacy scheme, at least the window.
   * @default 259_200_000 (3 days)
   */
  dedupeTtlMs?: number;
  /**
   * How far a delivery's time may be from now, either way: a finite number ≥ 0.
   * @default 300 (standard); 90_000, 25 hours, in the legacy scheme, whose retries keep their created_at
   */
  toleranceSeconds?: number;
  /** `standard` (Standard Webhooks headers) or Makini's `legacy` body HMAC. @default 'standard' */
  scheme?: 'standard' | 'legacy';
  /**
   * Largest accepted body, a whole number of bytes from 1 to `Number.MAX_SAFE_INTEGER`; larger
   * ones get 413 and the connection is closed.
   * @default 1_048_576
   */
  maxBodyBytes?: number;
  /**
   * Full detail of every refusal and failure, for your logs; responses never carry it.
   * @default console.error for failures; console.warn for refusals, one line per code a minute
   */
  onError?: (
    error: unknown,
    context: { stage: 'verify' | 'handler' | 'dedupe'; webhookId?: string },
  ) => void;
  /** For tests. */
  now?: () => number;
  /**
   * A `webhook.verify` span per delivery and a `webhook.handle` span around your handler (event
   * type and id; the refusal's or error's code on failure; never the signature, secret or
   * payload): `openTelemetry()` from `@makini-kit/core/opentelemetry`. @default none
   */
  telemetry?: Telemetry;
}

/** A framework-neutral answer; adapters turn it into their response. */
export interface WebhookResult {
  /** The HTTP status to answer with. */
  status: number;
  /** The JSON body to answer with: never a reason a forger could learn from. */
  body:
    | {
        /** Accepted. */
        ok: true;
        /** Processed before; not run again. */
        duplicate?: true;
      }
    | {
        /** A short, generic reason. */
        error: string;
      };
  /** Headers to add (`retry-after` on 503). */
  headers?: Record<string, string>;
  /** The verified event (of a type this package knows), whatever happened after verification. */
  event?: WebhookEvent;
}

/** A webhook endpoint: give it to an adapter (`toNodeHandler`, `toFetchHandler`, …) or call `handle`. */
export interface WebhookHandler {
  /** Verifies, deduplicates and dispatches one delivery. */
  handle(input: {
    /** The raw body, as received. */
    payload: unknown;
    /** The request's headers. */
    headers: WebhookHeaders;
  }): Promise<WebhookResult>;
  /** A whole number of bytes ≥ 1: adapters refuse a handler with anything else when made. */
  readonly maxBodyBytes: number;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function createHandlerFactory(verifier: Verifier) {
  /**
   * A webhook endpoint's logic: 2xx only after your handler succeeded, 400 for refusals (no detail
   * in the body), 5xx when the handler throws or the endpoint is set up wrong (a parsed body, an
   * unusable secret) so the sender retries, 413 for oversized bodies.
   * Use it through an adapter: `toNodeHandler`, `toExpressMiddleware`, `fastifyWebhooks`,
   * `toFetchHandler`.
   *
   * @throws {WebhookVerificationError} `INVALID_SECRET` or `INVALID_OPTIONS` for a setup that could
   * never verify a delivery, or could not refuse a replay (the legacy scheme without `dedupe`), or
   * a `processingTtlMs`, `dedupeTtlMs` or `maxBodyBytes` outside its bounds (NaN included)
   *
   * @example
   * const webhooks = createWebhookHandler({
   *   secret: process.env.MAKINI_WEBHOOK_SECRET!,
   *   on: { 'connection.reauthorization_required': (event) => alertCustomer(event.connection_id) },
   * });
   */
  function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
    checkHandlerOptions(options);
    const onError = options.onError ?? consoleReporter(options.now);
    const maxBodyBytes = options.maxBodyBytes ?? OPTION_BOUNDS.maxBodyBytes.default;
    const processingTtlMs = options.processingTtlMs ?? OPTION_BOUNDS.processingTtlMs.default;
    const dedupeTtlMs = options.dedupeTtlMs ?? OPTION_BOUNDS.dedupeTtlMs.default;

    async function dispatch(event: WebhookEvent | Record<string, unknown>, known: boolean) {
      const handler = known ? options.on[(event as WebhookEvent).type] : undefined;
      await traceHandler(options.telemetry, event, async () => {
        if (handler) await (handler as (value: unknown) => unknown)(event);
        else await options.onUnhandled?.(event);
      });
    }

    async function handle({
      payload,
      headers,
    }: {
      payload: unknown;
      headers: WebhookHeaders;
    }): Promise<WebhookResult> {
      let event: WebhookEvent | Record<string, unknown>;
      let known = true;
      const verifyOptions: VerifyWebhookOptions = {
        payload: payload as string,
        headers,
        secret: options.secret,
        ...(options.toleranceSeconds !== undefined
          ? { toleranceSeconds: options.toleranceSeconds }
          : {}),
        ...(options.scheme ? { scheme: options.scheme } : {}),
        ...(options.now ? { now: options.now() } : {}),
        ...(options.telemetry ? { telemetry: options.telemetry } : {}),
      };
      // Synchronous while node:crypto is: a malformed request is refused without awaiting anything.
      const outcome = verifier.verify(verifyOptions, true);
      const result = outcome instanceof Promise ? await outcome : outcome;
      if (result.ok) {
        event = result.event;
      } else if (
        result.code === 'SCHEMA_MISMATCH' &&
        isRecord(result.event) &&
        typeof result.event.type === 'string' &&
        !KNOWN_TYPES.has(result.event.type)
      ) {
        // Authentic, but a type newer than this package: hand it over rather than refuse forever.
        event = result.event;
        known = false;
      } else {
        onError(result.toError(), { stage: 'verify' });
        // A parsed body or an unusable secret is a setup mistake on our side of the wire: 500 makes
        // it loud, and the sender retries once fixed (400 would tell it to drop the event).
        return isSetupMistake(result.code)
          ? { status: 500, body: { error: 'webhook endpoint misconfigured' } }
          : { status: 400, body: { error: 'invalid webhook' } };
      }

      const id = String(event.id ?? '');
      // Every answer after verification carries the event, so callers can log what it was about.
      const verified = known ? { event: event as WebhookEvent } : {};
      const dedupe = options.dedupe;
      let claimToken: string | undefined;
      let stopRenewing: (() => void) | undefined;
      if (dedupe) {
        let claim: Awaited<ReturnType<DedupeStore['claim']>>;
        try {
          claim = checkClaim(await dedupe.claim(id, processingTtlMs));
        } catch (error) {
          onError(error, { stage: 'dedupe', webhookId: id });
          return {
            status: 503,
            body: { error: 'temporarily unavailable' },
            headers: { 'retry-after': '5' },
            ...verified,
          };
        }
        if (claim.status === 'done')
          return { status: 200, body: { ok: true, duplicate: true }, ...verified };
        if (claim.status === 'in_progress') {
          return {
            status: 409,
            body: { error: 'already being processed' },
            headers: { 'retry-after': '5' },
            ...verified,
          };
        }
        claimToken = claim.token;
        stopRenewing = keepClaim(dedupe, { id, token: claim.token, processingTtlMs }, (error) =>
          onError(error, { stage: 'dedupe', webhookId: id }),
        );
      }
      try {
        await dispatch(event, known);
      } catch (error) {
        stopRenewing?.();
        onError(error, { stage: 'handler', webhookId: id });
        if (dedupe && claimToken !== undefined)
          await dedupe
            .release(id, claimToken)
            .catch((releaseError: unknown) =>
              onError(releaseError, { stage: 'dedupe', webhookId: id }),
            );
        return { status: 500, body: { error: 'handler failed' }, ...verified };
      }
      stopRenewing?.();
      if (dedupe && claimToken !== undefined)
        await dedupe
          .complete(id, claimToken, dedupeTtlMs)
          .catch((error: unknown) => onError(error, { stage: 'dedupe', webhookId: id }));
      return { status: 200, body: { ok: true }, ...verified };
    }

    return { handle, maxBodyBytes };
  }
  return createWebhookHandler;
}
