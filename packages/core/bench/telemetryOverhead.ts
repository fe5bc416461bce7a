/**
 * The client's throughput with `openTelemetry()` and the API installed but no SDK registered (the
 * no-op tracer), as a ratio to the same client without telemetry. The target is a fetch stub that
 * answers a fixed page at once, so the client's own work is all there is to measure: the harshest
 * case for any overhead. Time is this process's CPU time, and rounds interleave the two clients
 * in rotating order, so a noisy neighbour slows both alike; the median of the per-round ratios
 * is held to the target whenever a control (a second client without telemetry) shows the run was
 * quiet enough to tell, within 1% of 1.
 *
 * Run with `pnpm --filter @makini-kit/core bench` (after a build: it measures `dist/`).
 */
import { MakiniClient } from '@makini-kit/core';
import { openTelemetry } from '@makini-kit/core/opentelemetry';

const ROUNDS = 101;
const CALLS = 200;
const TARGET = 0.98;

const order = (index: number) => ({
  key: `PO-${index}`,
  orderNo: `4500${index}`,
  status: 'open',
  currency: 'EUR',
  totalAmount: '1200.50',
  orderDate: '2025-01-10',
  lineItems: [{ key: `PO-${index}-1`, quantity: '3', unitPrice: '400.1667' }],
});
const body = JSON.stringify({
  data: Array.from({ length: 10 }, (_, index) => order(index)),
  links: { first: null, last: null, prev: null, next: null },
  meta: { current_page: 1, last_page: 1, per_page: 10, total: 10, from: 1, to: 10, path: '/' },
});
const stub: typeof fetch = async () =>
  new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req_bench' },
  });

// The three clients differ only in telemetry, so the control measures noise and nothing else.
const options = {
  baseUrl: 'https://api.makini.io',
  token: 'bench',
  connectionKey: 'conn_bench',
  fetch: stub,
  maxRetries: 0,
};
const plain = new MakiniClient(options);
// The control: a second client without telemetry. Its ratio to the first shows how far this
// machine's noise alone moves a ratio in this run.
const twin = new MakiniClient(options);
const traced = new MakiniClient({ ...options, telemetry: openTelemetry() });

/**
 * Calls per second of this process's CPU time (user + system), not of the wall clock: on a shared
 * machine the wall clock also counts the time other processes had the CPU.
 */
async function callsPerSecond(client: MakiniClient): Promise<number> {
  const started = process.cpuUsage();
  for (let index = 0; index < CALLS; index++) await client.purchaseOrders.list({ perPage: 10 });
  const used = process.cpuUsage(started);
  return CALLS / ((used.user + used.system) / 1e6);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

// Warm up every path (JIT, the schema parsers) before anything is measured.
for (let index = 0; index < 3; index++) {
  for (const client of [plain, twin, traced]) await callsPerSecond(client);
}
const rates = { plain: [] as number[], twin: [] as number[], traced: [] as number[] };
const ratios: number[] = [];
const controls: number[] = [];
const contenders = ['plain', 'twin', 'traced'] as const;
const clients = { plain, twin, traced };
for (let round = 0; round < ROUNDS; round++) {
  const measured = { plain: 0, twin: 0, traced: 0 };
  // Each round starts with another contender, so none always runs first (or after another).
  for (let index = 0; index < contenders.length; index++) {
    const name = contenders[(round + index) % contenders.length] as (typeof contenders)[number];
    measured[name] = await callsPerSecond(clients[name]);
    rates[name].push(measured[name]);
  }
  ratios.push(measured.traced / measured.plain);
  controls.push(measured.twin / measured.plain);
}
const ratio = median(ratios);
const control = median(controls);
const quiet = Math.abs(control - 1) <= 0.01;
console.log(
  [
    'client throughput, openTelemetry() with no SDK registered vs no telemetry',
    `  ${ROUNDS} rounds of ${CALLS} list calls per client (fetch stub, 10 orders a page), per CPU second`,
    `  without telemetry: ${Math.round(median(rates.plain))} calls/s (median)`,
    `  with telemetry:    ${Math.round(median(rates.traced))} calls/s (median)`,
    `  ratio: ${ratio.toFixed(3)}, the median of the per-round ratios (target >= ${TARGET})`,
    `  control, a second client without telemetry: ${control.toFixed(3)}${quiet ? '' : ' (the machine is too noisy to hold the ratio to its target in this run)'}`,
  ].join('\n'),
);
if (quiet && ratio < TARGET) process.exitCode = 1;
