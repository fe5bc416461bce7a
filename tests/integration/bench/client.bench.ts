/**
 * The client against raw fetch on the same sandbox route (sequential and 16 in flight), read as the
 * ratio vitest prints: one purchase order, and a page of 100 with their line items, each record
 * parsed on its own; then, printed as a table: peak RSS while iterating 100,000 purchase orders,
 * and goodput under a server limit with the client-side limiter on and off.
 */
import { MakiniClient, PurchaseOrder } from '@makini-kit/core';
import { DEFAULT_CLIENT } from '@makini-kit/sandbox';
import { afterAll, bench, describe } from 'vitest';
import { startSandboxProcess } from './sandboxProcess.js';

const sandbox = await startSandboxProcess(['--orders', '100000']);
const [connection] = await sandbox.connections();
if (!connection) throw new Error('the sandbox has no connections');
const system = new MakiniClient({
  baseUrl: sandbox.url,
  token: (
    (await (
      await fetch(`${sandbox.url}/link/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: DEFAULT_CLIENT.id,
          client_secret: DEFAULT_CLIENT.secret,
        }),
      })
    ).json()) as { access_token: string }
  ).access_token,
});
const { token } = await system.connections.createToken(connection.connectionKey);
const client = new MakiniClient({ baseUrl: sandbox.url, token, maxRetries: 0 });
const path = '/api/erp/purchase-orders/50000000000042';
const url = `${sandbox.url}${path}`;
const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };

afterAll(() => sandbox.close());

describe('one purchase order, sequential', () => {
  bench('raw fetch + JSON.parse', async () => {
    JSON.parse(await (await fetch(url, { headers })).text());
  });
  bench('MakiniClient.purchaseOrders.get (schema-checked)', async () => {
    await client.purchaseOrders.get('50000000000042');
  });
});

describe('one purchase order, 16 in flight', () => {
  bench('raw fetch + JSON.parse', async () => {
    await Promise.all(
      Array.from({ length: 16 }, async () =>
        JSON.parse(await (await fetch(url, { headers })).text()),
      ),
    );
  });
  bench('MakiniClient.purchaseOrders.get (schema-checked)', async () => {
    await Promise.all(
      Array.from({ length: 16 }, () => client.purchaseOrders.get('50000000000042')),
    );
  });
});

const pagePath = '/api/erp/purchase-orders';
const pageUrl = `${sandbox.url}${pagePath}?page=7&per_page=100`;
const readPage = async () => {
  const page = await client.purchaseOrders.list({ page: 7, perPage: 100 });
  if (page.data.length !== 100)
    throw new Error(`expected 100 valid orders, got ${page.data.length}`);
};
/** The same page through zod alone, record by record: what the fast path saves. */
const zodPage = async () => {
  const { data } = JSON.parse(await (await fetch(pageUrl, { headers })).text()) as {
    data: unknown[];
  };
  for (const record of data) PurchaseOrder.safeParse(record);
};
// A page is ~275 KB: give each case time for enough samples on a busy machine.
const pageOptions = { time: 4000, warmupTime: 1000 };

describe('a page of 100 purchase orders with line items, sequential', () => {
  bench(
    'raw fetch + JSON.parse',
    async () => {
      JSON.parse(await (await fetch(pageUrl, { headers })).text());
    },
    pageOptions,
  );
  bench('client.purchaseOrders.list (each record parsed on its own)', readPage, pageOptions);
  bench('raw fetch + JSON.parse + zod per record', zodPage, pageOptions);
});

describe('a page of 100 purchase orders with line items, 16 in flight', () => {
  bench(
    'raw fetch + JSON.parse',
    async () => {
      await Promise.all(
        Array.from({ length: 16 }, async () =>
          JSON.parse(await (await fetch(pageUrl, { headers })).text()),
        ),
      );
    },
    pageOptions,
  );
  bench(
    'client.purchaseOrders.list (each record parsed on its own)',
    async () => {
      await Promise.all(Array.from({ length: 16 }, readPage));
    },
    pageOptions,
  );
  bench(
    'raw fetch + JSON.parse + zod per record',
    async () => {
      await Promise.all(Array.from({ length: 16 }, zodPage));
    },
    pageOptions,
  );
});

/**
 * Throughput ratios that load elsewhere on the machine cannot skew: each round times the baseline
 * and the client back to back (A B B A), and the median of the rounds' ratios is reported.
 */
async function interleavedRatio(
  rounds: number,
  baseline: () => Promise<unknown>,
  candidate: () => Promise<unknown>,
) {
  const time = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const a1 = await time(baseline);
    const b1 = await time(candidate);
    const b2 = await time(candidate);
    const a2 = await time(baseline);
    ratios.push((a1 + a2) / (b1 + b2));
  }
  ratios.sort((x, y) => x - y);
  return ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
}

describe('a page of 100 purchase orders: interleaved ratios', () => {
  bench(
    'client throughput ÷ raw fetch + JSON.parse throughput',
    async () => {
      const raw = async () => JSON.parse(await (await fetch(pageUrl, { headers })).text());
      const zod = zodPage;
      const sixteen = (run: () => Promise<unknown>) => () =>
        Promise.all(Array.from({ length: 16 }, run));
      for (let warm = 0; warm < 20; warm++) await Promise.all([raw(), readPage(), zod()]);
      const rows = [
        [
          'sequential',
          await interleavedRatio(60, raw, readPage),
          await interleavedRatio(60, raw, zod),
        ],
        [
          '16 in flight',
          await interleavedRatio(24, sixteen(raw), sixteen(readPage)),
          await interleavedRatio(12, sixteen(raw), sixteen(zod)),
        ],
      ] as const;
      console.log(
        [
          '',
          'a page of 100 purchase orders with line items, median of A B B A rounds (1.00 = as fast as raw fetch + JSON.parse):',
          ...rows.map(
            ([name, client, zodOnly]) =>
              `  ${name.padEnd(13)} client.purchaseOrders.list ${client.toFixed(2)}x   zod per record ${zodOnly.toFixed(2)}x`,
          ),
        ].join('\n'),
      );
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});

describe('reports', () => {
  bench(
    'peak RSS iterating 100,000 purchase orders; goodput under a limit',
    async () => {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      let count = 0;
      const peakAt: string[] = [];
      for await (const _ of client.purchaseOrders.list({ perPage: 500 })) {
        count++;
        if (count === 10_000 || count === 50_000)
          peakAt.push(
            `${count.toLocaleString()}: ${((peak - baseline) / 1024 / 1024).toFixed(1)} MB`,
          );
      }
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

      const limit = 40;
      const windowMs = 2000;
      const goodput = async (limited: boolean) => {
        await sandbox.setRateLimit(limit, windowMs);
        const limitedClient = new MakiniClient({
          baseUrl: sandbox.url,
          token,
          connectionKey: connection.connectionKey,
          maxRetries: 0,
          ...(limited ? { rateLimit: { limit, windowMs } } : {}),
        });
        const deadline = Date.now() + 3 * windowMs;
        let ok = 0;
        let rejected = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            while (Date.now() < deadline) {
              try {
                await limitedClient.purchaseOrders.get('50000000000042', {
                  signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
                });
                if (Date.now() <= deadline) ok++;
              } catch (error) {
                if ((error as { status?: number }).status === 429) rejected++;
              }
            }
          }),
        );
        limitedClient.close();
        await sandbox.setRateLimit(0);
        return { ok, rejected, ofLimit: ok / (3 * limit) };
      };
      const on = await goodput(true);
      const off = await goodput(false);
      console.log(
        [
          '',
          `iterated ${count.toLocaleString()} purchase orders: RSS ${mb(baseline)} before, peak ${mb(peak)} (+${mb(peak - baseline)}); peak growth after ${peakAt.join(', after ')}`,
          `server limit ${limit} per ${windowMs / 1000} s, 3 windows, 8 workers:`,
          `  limiter on:  ${on.ok} successful (${(on.ofLimit * 100).toFixed(1)}% of the limit), ${on.rejected} answered 429`,
          `  limiter off: ${off.ok} successful (${(off.ofLimit * 100).toFixed(1)}% of the limit), ${off.rejected} answered 429`,
        ].join('\n'),
      );
    },
    { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});
