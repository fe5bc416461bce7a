import type { MakiniClient, RawTable } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
let client: MakiniClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5, seed: 3 });
  ({ client } = await connectionClient(sandbox));
});
afterAll(() => sandbox.close());

describe('client.raw.tables.list()', () => {
  it('is typed and unwraps data, as every other call', async () => {
    const tables = await client.raw.tables.list();
    expectTypeOf(tables).toEqualTypeOf<RawTable[]>();
    expect(Array.isArray(tables)).toBe(true);
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      expect(typeof table.name).toBe('string');
      expect(Array.isArray(table.columns)).toBe(true);
    }
    const first = tables[0] as RawTable;
    const rows = await client.raw.tables.data(String(first.name), { perPage: 2 });
    expect(rows.data.length).toBeGreaterThan(0);
  });
});
