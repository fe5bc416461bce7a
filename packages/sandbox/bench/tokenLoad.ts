/**
 * Token endpoints under a refresh-storm benchmark's load: 1,000 connections created through
 * `POST /api/system/connections`, then 60,000 token requests (refresh grants and connection tokens),
 * 16 in flight over keep-alive. Prints milliseconds per phase and the sandbox's stats.
 * Run: `node --import tsx bench/tokenLoad.ts` in packages/sandbox.
 */
import { Agent, request } from 'node:http';
import { startSandbox } from '../src/startSandbox.js';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 1_000);
const TOKEN_REQUESTS = Number(process.env.TOKEN_REQUESTS ?? 60_000);
const IN_FLIGHT = 16;

const sandbox = await startSandbox({ port: 0, orders: 10 });
const { port } = sandbox;
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

function call(method: string, path: string, headers: Record<string, string>, body = '') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

const form = (fields: Record<string, string>) =>
  call(
    'POST',
    '/link/token',
    { 'content-type': 'application/x-www-form-urlencoded' },
    new URLSearchParams({
      client_id: 'sandbox_client',
      client_secret: 'sandbox_secret',
      ...fields,
    }).toString(),
  );

async function pool<T>(count: number, task: (index: number) => Promise<T>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const clientToken = JSON.parse((await form({ grant_type: 'client_credentials' })).body)
  .access_token as string;
const auth = { authorization: `Bearer ${clientToken}` };
const refreshTokens: string[] = [];
const keys: string[] = [];

let started = performance.now();
await pool(CONNECTIONS, async (index) => {
  const created = await call(
    'POST',
    '/api/system/connections',
    { ...auth, 'content-type': 'application/json' },
    JSON.stringify({
      name: `Customer ${index}`,
      email: `c${index}@customer.example`,
      provider: 'sap-s4hana',
      credentials: { login: `USER_${index}`, password: 'pw' },
    }),
  );
  if (created.status !== 200) throw new Error(`create ${index}: ${created.status} ${created.body}`);
  const { access_token, refresh_token } = JSON.parse(created.body).data;
  refreshTokens[index] = refresh_token;
  // The create answer holds tokens only (as the spec's ConnectionStore); the token names its connection.
  const current = await call('GET', '/api/integrations/current', {
    authorization: `Bearer ${access_token}`,
  });
  keys[index] = JSON.parse(current.body).data.id;
});
const createMs = performance.now() - started;

started = performance.now();
const cpuBefore = process.cpuUsage();
await pool(TOKEN_REQUESTS, async (index) => {
  const connection = index % CONNECTIONS;
  if (index % 2 === 0) {
    const answer = await form({
      grant_type: 'refresh_token',
      refresh_token: refreshTokens[connection] ?? '',
    });
    if (answer.status !== 200) throw new Error(`refresh ${index}: ${answer.status} ${answer.body}`);
    refreshTokens[connection] = JSON.parse(answer.body).refresh_token;
  } else {
    const answer = await call('POST', `/api/system/connections/${keys[connection]}/token`, auth);
    if (answer.status !== 200) throw new Error(`token ${index}: ${answer.status} ${answer.body}`);
  }
});
const tokenMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);

console.log(
  JSON.stringify({
    connections: CONNECTIONS,
    createMs: Math.round(createMs),
    tokenRequests: TOKEN_REQUESTS,
    tokenMs: Math.round(tokenMs),
    // CPU time of this process (sandbox and load generator both): steadier than wall time on a busy machine.
    tokenCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    tokenRequestsPerSecond: Math.round(TOKEN_REQUESTS / (tokenMs / 1000)),
    heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    stats: sandbox.admin.stats(),
  }),
);
agent.destroy();
await sandbox.close();
