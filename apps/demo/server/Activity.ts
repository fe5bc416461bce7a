import type { HealthAlert, InvalidRecordEvent, RequestLogEntry } from '@makini-kit/core';

export interface LoggedRequest extends RequestLogEntry {
  connectionKey: string;
  /** Which back-end replica made the call, when several run. */
  replica?: string | undefined;
}

export interface ReceivedWebhook {
  /** Position in the log, unique where event ids repeat (duplicates, refusals). */
  sequence: number;
  id: string;
  type: string;
  connectionId: string;
  receivedAt: number;
  /** 200 after the handler ran (or for a duplicate); 400 when refused; 5xx when it failed. */
  status: number;
}

export interface ShownAlert {
  id: number;
  connectionId: string;
  kind: HealthAlert['kind'];
  reason: string;
  at: number;
  /** The reconnect link the customer was e-mailed with the alert, when one was minted. */
  link?: ReconnectLinkSent | undefined;
}

/** A reconnect link as the alert e-mail carries it. */
export interface ReconnectLinkSent {
  url: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Records of one operation on one connection that broke their schema: set aside by the client
 * rather than failing their page, so the panel counts them instead of letting them go missing.
 */
export interface InvalidRecordCount {
  connectionKey: string;
  /** `GET /api/erp/receipts` */
  operation: string;
  count: number;
  /** The latest one: where it broke, why, and the request that brought it. */
  last: { path: string; issue: string; message: string; requestId: string | undefined; at: number };
}

/** The lists the developer panel and the alert banner read, newest last. */
export interface ActivityLists {
  requests: LoggedRequest[];
  webhooks: ReceivedWebhook[];
  alerts: ShownAlert[];
  invalidRecords: InvalidRecordCount[];
}

/**
 * What the back end tells the developer panel and the alert banner. Recording never fails a
 * request: a log that cannot be written (Redis away) loses the entry, not the call.
 */
export interface ActivityLog {
  request(entry: LoggedRequest): void;
  invalidRecord(connectionKey: string, event: InvalidRecordEvent): void;
  webhook(entry: Omit<ReceivedWebhook, 'sequence'>): void;
  alert(alert: HealthAlert, link?: ReconnectLinkSent): void;
  dismissFor(connectionId: string): void;
  read<List extends keyof ActivityLists>(list: List): Promise<ActivityLists[List]>;
}

/** How many entries each list keeps. */
export const KEEP = 200;

/** The latest invalid record of a call, as the panel shows it. */
export function describeInvalidRecord(event: InvalidRecordEvent): InvalidRecordCount['last'] {
  const issue = event.record.issues[0];
  return {
    path: event.path,
    issue: issue?.path || '(the record itself)',
    message: issue?.message ?? 'does not match its schema',
    requestId: event.requestId,
    at: Date.now(),
  };
}

/** The activity of one process, in memory: bounded lists, newest last. */
export class Activity implements ActivityLog {
  readonly requests: LoggedRequest[] = [];
  readonly webhooks: ReceivedWebhook[] = [];
  readonly alerts: ShownAlert[] = [];
  readonly invalidRecords: InvalidRecordCount[] = [];
  private nextAlert = 1;
  private nextWebhook = 1;

  private push<T>(list: T[], item: T) {
    list.push(item);
    if (list.length > KEEP) list.shift();
  }

  request(entry: LoggedRequest) {
    this.push(this.requests, entry);
  }

  async read<List extends keyof ActivityLists>(list: List): Promise<ActivityLists[List]> {
    return this[list];
  }

  invalidRecord(connectionKey: string, event: InvalidRecordEvent) {
    const last = describeInvalidRecord(event);
    const known = this.invalidRecords.find(
      (entry) => entry.connectionKey === connectionKey && entry.operation === event.operation,
    );
    if (known) {
      known.count++;
      known.last = last;
    } else {
      this.push(this.invalidRecords, { connectionKey, operation: event.operation, count: 1, last });
    }
  }

  webhook(entry: Omit<ReceivedWebhook, 'sequence'>) {
    this.push(this.webhooks, { sequence: this.nextWebhook++, ...entry });
  }

  alert(alert: HealthAlert, link?: ReconnectLinkSent) {
    this.push(this.alerts, {
      id: this.nextAlert++,
      connectionId: alert.connectionId,
      kind: alert.kind,
      reason: alert.reason,
      at: Date.now(),
      ...(link ? { link } : {}),
    });
  }

  dismissFor(connectionId: string) {
    for (let index = this.alerts.length - 1; index >= 0; index--) {
      if (this.alerts[index]?.connectionId === connectionId) this.alerts.splice(index, 1);
    }
  }
}
