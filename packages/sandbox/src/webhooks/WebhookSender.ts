import { randomUUID } from 'node:crypto';
import { RequestLog } from '@makini-kit/core';
import { checkEndpointSecrets, WebhookEndpointError } from './checkEndpointSecrets.js';
import { generateWebhookSecret, legacyWebhookHeaders, standardWebhookHeaders } from './sign.js';

/** Where events go and how they are signed. */
export interface WebhookEndpointOptions {
  /** Where to `POST` each event. */
  url: string;
  /** `whsec_…` secret, or several during a rotation (each signs). @default a new random secret */
  secret?: string | string[];
  /** `standard` (Standard Webhooks headers) or Makini's `legacy` body HMAC. @default 'standard' */
  scheme?: 'standard' | 'legacy';
  /** Event types to send; all when absent. */
  events?: string[];
}

/** An endpoint events go to, as `addWebhookEndpoint` returns it. */
export interface WebhookEndpoint {
  /** Its id, for `removeWebhookEndpoint`. */
  id: string;
  /** Where events are posted. */
  url: string;
  /** The secrets that sign each delivery: give them to your verifier. */
  secrets: string[];
  /** How deliveries are signed. */
  scheme: 'standard' | 'legacy';
  /** The event types sent; all when absent. */
  events?: string[];
}

/** A signed event as sent: `{ id, type, created_at, connection_id, data }`. */
export interface SentEvent {
  /** The event id, the same on every retry. */
  id: string;
  /** The event type, e.g. `connection.reauthorization_required`. */
  type: string;
  /** When the event was made (ISO 8601). */
  created_at: string;
  /** The connection it concerns. */
  connection_id: string;
  /** What it is about; its shape depends on `type`. */
  data: Record<string, unknown>;
}

/** One attempt to deliver one event to one endpoint. */
export interface DeliveryAttempt {
  /** The delivery's id (`webhook-id`), the same on every attempt of one event to one endpoint. */
  deliveryId: string;
  /** The event's id. */
  eventId: string;
  /** The event's type. */
  eventType: string;
  /** The endpoint's id. */
  endpointId: string;
  /** Where it was posted. */
  url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Response status, or `null` when the request failed (refused, timed out). */
  status: number | null;
  /** Why the request failed, when it did. */
  error?: string;
  /** Whether the endpoint answered 2xx. */
  ok: boolean;
  /** How long the attempt took, in ms. */
  durationMs: number;
  /** When it was made (ISO 8601). */
  at: string;
  /** When the next attempt is due, if one is scheduled. */
  nextAttemptAt?: string;
}

type Waiter = {
  match: (attempt: DeliveryAttempt) => boolean;
  resolve: (attempt: DeliveryAttempt) => void;
};

const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * Signs and sends events to the registered endpoints. A failed delivery (non-2xx or a network
 * error) is retried on `retryScheduleMs`; every attempt is recorded and can be awaited.
 */
export class WebhookSender {
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  /** The most recent attempts, bounded. */
  private readonly attempts = new RequestLog<DeliveryAttempt>(5000);
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private waiters: Waiter[] = [];
  private closed = false;

  constructor(
    private readonly retryScheduleMs: readonly number[],
    private readonly now: () => number,
  ) {}

  register(options: WebhookEndpointOptions): WebhookEndpoint {
    if (typeof options.url !== 'string' || !/^https?:\/\//.test(options.url)) {
      throw new WebhookEndpointError(
        'url',
        'must be an absolute http(s) URL, e.g. "http://127.0.0.1:3000/webhooks/makini"',
      );
    }
    const checked = checkEndpointSecrets(options.secret, options.scheme);
    const endpoint: WebhookEndpoint = {
      id: `we_${randomUUID().slice(0, 8)}`,
      url: options.url,
      secrets: checked?.secrets ?? [generateWebhookSecret()],
      scheme: options.scheme ?? 'standard',
      ...(options.events ? { events: options.events } : {}),
    };
    this.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  unregister(id: string): boolean {
    return this.endpoints.delete(id);
  }

  listEndpoints(): WebhookEndpoint[] {
    return [...this.endpoints.values()];
  }

  listAttempts(): DeliveryAttempt[] {
    return this.attempts.list();
  }

  /** Creates an event and sends it to every endpoint that wants its type. */
  emit(type: string, connectionId: string, data: Record<string, unknown>): SentEvent {
    const event: SentEvent = {
      id: `evt_${randomUUID().replace(/-/g, '')}`,
      type,
      created_at: new Date(this.now()).toISOString(),
      connection_id: connectionId,
      data,
    };
    for (const endpoint of this.endpoints.values()) {
      if (endpoint.events && !endpoint.events.includes(type)) continue;
      this.deliverSafely(endpoint, event, `dlv_${randomUUID().slice(0, 12)}`, 1);
    }
    return event;
  }

  /** Resolves with the first attempt (past or future) that matches, or rejects after `timeoutMs`. */
  waitForDelivery(
    match: (attempt: DeliveryAttempt) => boolean,
    timeoutMs = 10_000,
  ): Promise<DeliveryAttempt> {
    const seen = this.attempts.list().find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (attempt) => {
          clearTimeout(timer);
          resolve(attempt);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((entry) => entry !== waiter);
        reject(new Error(`No matching webhook delivery within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Runs a delivery whose failure is logged: a rejection would end the embedding process. */
  private deliverSafely(
    endpoint: WebhookEndpoint,
    event: SentEvent,
    deliveryId: string,
    attempt: number,
  ) {
    this.deliver(endpoint, event, deliveryId, attempt).catch((cause: unknown) => {
      console.error(`makini-sandbox: webhook delivery ${deliveryId} failed:`, cause);
    });
  }

  private async deliver(
    endpoint: WebhookEndpoint,
    event: SentEvent,
    deliveryId: string,
    attempt: number,
  ) {
    if (this.closed) return;
    let body: string;
    try {
      body = JSON.stringify(event);
    } catch (cause) {
      // Not retried: the same event would fail the same way.
      this.record({
        deliveryId,
        eventId: event.id,
        eventType: event.type,
        endpointId: endpoint.id,
        url: endpoint.url,
        attempt,
        status: null,
        ok: false,
        durationMs: 0,
        at: new Date(this.now()).toISOString(),
        error: `could not serialize the event: ${(cause as Error).message}`,
      });
      return;
    }
    const timestamp = Math.floor(this.now() / 1000);
    const signature =
      endpoint.scheme === 'legacy'
        ? legacyWebhookHeaders(body, endpoint.secrets[0] ?? '')
        : standardWebhookHeaders(event.id, timestamp, body, endpoint.secrets);
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
    const started = performance.now();
    let status: number | null = null;
    let error: string | undefined;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'makini-sandbox-webhooks',
          ...signature,
        },
        body,
        signal: controller.signal,
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (cause) {
      error = controller.signal.aborted
        ? 'timed out'
        : (cause as Error).cause
          ? String((cause as Error).cause)
          : String(cause);
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (this.closed) return;
    const ok = status !== null && status >= 200 && status < 300;
    const delay = ok ? undefined : this.retryScheduleMs[attempt - 1];
    const record: DeliveryAttempt = {
      deliveryId,
      eventId: event.id,
      eventType: event.type,
      endpointId: endpoint.id,
      url: endpoint.url,
      attempt,
      status,
      ok,
      durationMs: Math.round(performance.now() - started),
      at: new Date(this.now()).toISOString(),
      ...(error ? { error } : {}),
      ...(delay !== undefined ? { nextAttemptAt: new Date(this.now() + delay).toISOString() } : {}),
    };
    this.record(record);
    if (delay !== undefined) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.deliverSafely(endpoint, event, deliveryId, attempt + 1);
      }, delay);
      this.timers.add(timer);
    }
  }

  private record(record: DeliveryAttempt) {
    this.attempts.add(record);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(record)) return true;
      waiter.resolve(record);
      return false;
    });
  }

  clearHistory() {
    this.attempts.clear();
  }

  /** Stops retries and aborts deliveries in flight. */
  close() {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.inFlight) controller.abort();
  }
}
