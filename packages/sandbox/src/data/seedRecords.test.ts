import { MakiniClient, OPERATIONS, type OperationDescriptor } from '@makini-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../spec/formatIssue.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken } from '../testHelpers.js';
import { platformServes } from './seed/coverage.js';

/**
 * Seed data never drifts from the spec: every record of every resource on every platform, read
 * through the typed client over HTTP with `strict: true` (the first record that breaks its
 * generated schema throws), and checked against the overlaid spec's decimal, date-time and
 * boolean formats.
 */
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 120 });
});
afterAll(() => sandbox.close());

type Call = (...args: unknown[]) => AsyncIterable<unknown> & PromiseLike<unknown>;
function method(client: MakiniClient, id: string): Call {
  const path = id.split('.');
  const name = path.pop() as string;
  const owner = path.reduce<Record<string, unknown>>(
    (object, step) => object[step] as Record<string, unknown>,
    client as unknown as Record<string, unknown>,
  );
  return (owner[name] as Call).bind(owner);
}

type Rec = Record<string, unknown>;
const pagedReads = OPERATIONS.filter(
  (operation) => operation.spec === 'erp' && operation.method === 'GET',
);

async function readAll(
  client: MakiniClient,
  operation: OperationDescriptor,
  problems: string[],
  key: string | undefined,
) {
  const call = method(client, operation.id);
  const args = operation.pathParams.length ? [key] : [];
  const records: Rec[] =
    operation.response === 'page'
      ? await collect(call(...args, { perPage: 100 }))
      : [(await call(...args)) as Rec];
  for (const record of records) {
    const issue = operation.schema ? formatIssue(operation.schema, record) : undefined;
    if (issue)
      problems.push(`${operation.id} ${String(record.key)}: ${issue.path} ${issue.problem}`);
  }
  return records;
}

async function collect(iterable: AsyncIterable<unknown>): Promise<Rec[]> {
  const records: Rec[] = [];
  for await (const record of iterable) records.push(record as Rec);
  return records;
}

describe('seeded records', () => {
  it('parse with the generated schemas in strict mode and fit the overlaid spec, on every platform', async () => {
    const problems: string[] = [];
    let read = 0;
    for (const connection of sandbox.admin.connections()) {
      const token = await connectionToken(sandbox, connection.connectionKey);
      const client = new MakiniClient({ baseUrl: sandbox.url, token, strict: true });
      const firstKeys = new Map<string, string>();
      // Lists first, so each `get` and `/{key}/…` read has a key of its resource.
      const ordered = [...pagedReads].sort((a, b) => a.pathParams.length - b.pathParams.length);
      for (const operation of ordered) {
        const resource = operation.resource ?? '';
        if (!platformServes(connection.platform, resource)) continue;
        const key = firstKeys.get(resource);
        if (operation.pathParams.length && !key) {
          problems.push(`${connection.platform} ${operation.id}: no record to read`);
          continue;
        }
        const records = await readAll(client, operation, problems, key);
        if (!operation.pathParams.length && records[0]?.key)
          firstKeys.set(resource, String(records[0].key));
        if (!operation.pathParams.length && records.length === 0)
          problems.push(`${connection.platform} ${operation.id}: no records`);
        read += records.length;
      }
      const tables = await client.raw.tables.list();
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables)
        read += (await collect(client.raw.tables.data(table.name ?? '', { perPage: 100 }))).length;
    }
    expect(problems).toEqual([]);
    expect(read).toBeGreaterThan(1000);
  });
});
