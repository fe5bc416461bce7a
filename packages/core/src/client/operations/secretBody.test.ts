import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFetch } from '../../../test/serveFetch.js';
import { ConnectionToken } from '../../generated/schemas.js';
import { MakiniClient, type MakiniClientOptions } from '../MakiniClient.js';
import { getRecords } from './getRecords.js';
import type { InvalidRecordEvent } from './InvalidRecord.js';
import { invalidRecordOf } from './invalidRecordOf.js';

const SECRETS = ['conn-tok-SECRET-1111', 'acc-SECRET-2222', 'ref-SECRET-3333'];
/** Token answers whose `expires_in` breaks the schema, so the record is set aside or thrown. */
const ANSWERS: Record<string, unknown> = {
  '/api/system/connections/C1/token': { data: { token: SECRETS[0], expires_in: { bad: true } } },
  '/api/x/tokens': {
    data: [{ token: SECRETS[0], expires_in: { bad: true } }],
  },
  '/api/system/connections': {
    data: { access_token: SECRETS[1], refresh_token: SECRETS[2], expires_in: [] },
  },
};

let server: Awaited<ReturnType<typeof serveFetch>>;
beforeAll(async () => {
  server = await serveFetch(
    (request) =>
      new Response(JSON.stringify(ANSWERS[new URL(request.url).pathname] ?? {}), {
        headers: { 'content-type': 'application/json' },
      }),
  );
});
afterAll(() => server.close());

const clientFor = (options: Partial<MakiniClientOptions> = {}) =>
  new MakiniClient({ baseUrl: server.url, token: 'client-token', maxRetries: 0, ...options });

const calls = (client: MakiniClient) => [
  () => client.connections.createToken('C1'),
  () =>
    client.connections.create({
      name: 'n',
      email: 'a@b.c',
      provider: 'sap',
      credentials: { login: 'l', password: 'p' },
    } as never),
];

function leaked(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret));
}

describe('a token answer that breaks its schema', () => {
  it('reaches no hook, mark or request log with its secrets', async () => {
    const events: InvalidRecordEvent[] = [];
    const client = clientFor({ hooks: { onInvalidRecord: (event) => events.push(event) } });
    const own: InvalidRecordEvent[] = [];
    const records: unknown[] = [];
    for (const call of calls(client)) records.push(await call());
    records.push(
      await client.connections.createToken('C1', { onInvalidRecord: (event) => own.push(event) }),
    );
    expect(events).toHaveLength(3);
    expect(own).toHaveLength(1);
    // The caller asked for the token: the record returned is the answer as sent.
    expect((records[0] as { token: string }).token).toBe(SECRETS[0]);
    const marks = records.map((record) => invalidRecordOf(record));
    expect(marks.every(Boolean)).toBe(true);
    const shown = [
      JSON.stringify(events),
      inspect(events, { depth: 20 }),
      JSON.stringify(own),
      inspect(marks, { depth: 20 }),
      JSON.stringify(marks),
      JSON.stringify(client.requestLog.list()),
    ].join('\n');
    expect(leaked(shown)).toEqual([]);
    // The shape that broke the schema still shows.
    expect(events[0]?.record.raw).toEqual({ token: '[redacted]', expires_in: { bad: true } });
    expect(events[0]?.record.issues[0]?.path).toBe('expires_in');
  });

  it('under strict, throws a ValidationError that holds no secret', async () => {
    const client = clientFor({ strict: true });
    for (const call of calls(client)) {
      const error = await call().catch((caught: unknown) => caught);
      expect((error as Error).name).toBe('ValidationError');
      const shown = [
        inspect(error, { depth: 20 }),
        JSON.stringify(error),
        JSON.stringify({ ...(error as object) }),
        (error as Error).message,
        String((error as Error).stack),
      ].join('\n');
      expect(leaked(shown)).toEqual([]);
    }
  });

  it('keeps no secret of a list of such records, in page.invalidRecords or the hooks', async () => {
    const events: InvalidRecordEvent[] = [];
    const client = clientFor({ hooks: { onInvalidRecord: (event) => events.push(event) } });
    const records = await getRecords(client, '/api/x/tokens', ConnectionToken, {
      secretBody: true,
    });
    expect(records).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]?.record.raw).toEqual({ token: '[redacted]', expires_in: { bad: true } });
    expect(leaked(inspect(events, { depth: 20 }))).toEqual([]);
  });
});
