import type { HealthAlert, InvalidRecordEvent } from '@makini-kit/core';
import type { RedisConnection } from '@makini-kit/redis';
import {
  type ActivityLists,
  type ActivityLog,
  describeInvalidRecord,
  KEEP,
  type LoggedRequest,
  type ReceivedWebhook,
  type ReconnectLinkSent,
  type ShownAlert,
} from './Activity.js';

const parse = <T>(items: unknown): T[] =>
  Array.isArray(items) ? items.map((item) => JSON.parse(String(item)) as T) : [];

/**
 * The developer panel's lists and the alert banner in Redis, so that every replica shows the same:
 * a webhook lands on one replica and an alert is raised by one, whichever the page asks. Writes are
 * fire-and-forget: while Redis is away the entries are lost, never the request being recorded.
 */
export class RedisActivity implements ActivityLog {
  constructor(
    private readonly redis: RedisConnection,
    private readonly prefix: string,
    private readonly replica: string,
  ) {}

  private key(name: string) {
    return `${this.prefix}demo:activity:${name}`;
  }

  private send(operation: string, args: Array<string | number>) {
    return this.redis.command(`activity.${operation}`, args).catch(() => undefined);
  }

  private async push(list: string, entry: unknown) {
    await this.send(list, ['RPUSH', this.key(list), JSON.stringify(entry)]);
    await this.send(list, ['LTRIM', this.key(list), -KEEP, -1]);
  }

  private async next(list: string): Promise<number> {
    return Number(await this.redis.command(`activity.${list}`, ['INCR', this.key(`${list}:seq`)]));
  }

  request(entry: LoggedRequest) {
    void this.push('requests', { ...entry, replica: this.replica });
  }

  invalidRecord(connectionKey: string, event: InvalidRecordEvent) {
    const field = JSON.stringify([connectionKey, event.operation]);
    void this.send('invalid', ['HINCRBY', this.key('invalid:count'), field, 1]);
    void this.send('invalid', [
      'HSET',
      this.key('invalid:last'),
      field,
      JSON.stringify(describeInvalidRecord(event)),
    ]);
  }

  webhook(entry: Omit<ReceivedWebhook, 'sequence'>) {
    void this.next('webhooks')
      .then((sequence) => this.push('webhooks', { sequence, ...entry }))
      .catch(() => undefined);
  }

  alert(alert: HealthAlert, link?: ReconnectLinkSent) {
    void this.next('alerts')
      .then((id) =>
        this.push('alerts', {
          id,
          connectionId: alert.connectionId,
          kind: alert.kind,
          reason: alert.reason,
          at: Date.now(),
          ...(link ? { link } : {}),
        } satisfies ShownAlert),
      )
      .catch(() => undefined);
  }

  dismissFor(connectionId: string) {
    void (async () => {
      const shown = await this.redis.command('activity.alerts', [
        'LRANGE',
        this.key('alerts'),
        0,
        -1,
      ]);
      for (const raw of Array.isArray(shown) ? shown : []) {
        const alert = JSON.parse(String(raw)) as ShownAlert;
        if (alert.connectionId === connectionId)
          await this.send('alerts', ['LREM', this.key('alerts'), 0, String(raw)]);
      }
    })().catch(() => undefined);
  }

  async read<List extends keyof ActivityLists>(list: List): Promise<ActivityLists[List]> {
    if (list !== 'invalidRecords') {
      const items = await this.redis.command(`activity.${list}`, ['LRANGE', this.key(list), 0, -1]);
      return parse(items) as ActivityLists[List];
    }
    const [counts, lasts] = await Promise.all([
      this.redis.command('activity.invalid', ['HGETALL', this.key('invalid:count')]),
      this.redis.command('activity.invalid', ['HGETALL', this.key('invalid:last')]),
    ]);
    const pairs = (reply: unknown) => {
      const flat = Array.isArray(reply) ? reply.map(String) : [];
      return new Map(flat.flatMap((item, index) => (index % 2 ? [] : [[item, flat[index + 1]]])));
    };
    const last = pairs(lasts);
    return [...pairs(counts)].map(([field, count]) => {
      const [connectionKey, operation] = JSON.parse(field) as [string, string];
      return {
        connectionKey,
        operation,
        count: Number(count),
        last: JSON.parse(last.get(field) ?? '{}'),
      };
    }) as ActivityLists[List];
  }
}
