#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { WEBHOOK_EVENT_TYPES } from '@makini-kit/core';
import { ADMIN_PREFIX } from './routes/adminRoutes.js';
import { SandboxOptionsError } from './SandboxOptionsError.js';
import { startSandbox } from './startSandbox.js';

const DEFAULT_URL = 'http://127.0.0.1:4010';

const HELP: Record<string, string> = {
  main: `makini-sandbox: a local Makini-compatible server (API, Link consent page, webhooks, faults)

Usage:
  makini-sandbox start [options]                       start a sandbox
  makini-sandbox trigger <event-type> --connection <key>  send a webhook event
  makini-sandbox rotate-credentials <key>              change a customer's system password
  makini-sandbox <command> --help                      help for a command`,
  start: `Usage: makini-sandbox start [options]

Options:
  --port <n>         port to listen on (default 4010; 0 picks a free one)
  --host <address>   interface to bind (default 127.0.0.1)
  --seed <n>         seed of the generated data (default 1)
  --orders <n>       purchase orders per connection (default 250)
  --rate-limit <n>   requests per connection per minute; 0 = off (default 0)
  --webhook <url>    send webhook events to this URL (repeatable)
  --webhook-secret <whsec_...>  secret to sign them with (default: a new one, printed)
  --admin-token <t>  require "Authorization: Bearer <t>" on the admin API (/__sandbox/*);
                     required with a --host beyond loopback (env MAKINI_SANDBOX_ADMIN_TOKEN)
  --allowed-host <name[:port]>  also answer to this Host (repeatable); by default only
                     localhost, 127.0.0.1 and [::1] on the port, against DNS rebinding
  --webhook-retry-scale <n>     scale Makini's retry schedule (30 s doubling to 24 h); 1 = real time
  --corrupt-records <n>         break every nth record of every list (tolerant-parsing tests)
  --refresh-token-reuse-grace-ms <n>  answer a refresh token replayed within n ms of its first
                                use with a new pair instead of revoking its family (default 0)
  --sync-duration-ms <n>        keep each simulated sync inprogress for n ms before it ends
                                (default 0: syncs end at once)
  --no-rate-limit-headers, --no-idempotency, --no-record-webhooks, --no-strict-bodies
                                switch off a behaviour the spec does not state (FIDELITY.md)`,
  trigger: `Usage: makini-sandbox trigger <event-type> --connection <key> [--url ${DEFAULT_URL}] [--admin-token <t>]

Event types:
  ${WEBHOOK_EVENT_TYPES.join('\n  ')}`,
  'rotate-credentials': `Usage: makini-sandbox rotate-credentials <connection-key> [--url ${DEFAULT_URL}] [--admin-token <t>]

Changes the customer's password on the source system: the connection's calls fail with 401
REAUTHORIZATION_REQUIRED and a connection.reauthorization_required webhook goes out. Prints the new
credentials to enter on the consent page.`,
};

/** Where the admin token comes from when --admin-token is not given. */
const ADMIN_TOKEN_ENV = 'MAKINI_SANDBOX_ADMIN_TOKEN';

class UsageError extends Error {}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} must be a non-negative integer, got "${value}".`);
  return Number(value);
}

async function admin(
  target: { url: string; adminToken: string | undefined },
  method: string,
  path: string,
  body?: unknown,
) {
  const { url, adminToken } = target;
  let response: Response;
  try {
    response = await fetch(`${url}${ADMIN_PREFIX}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new UsageError(
      `No sandbox answers at ${url}. Start one with "makini-sandbox start" or pass --url.`,
    );
  }
  const payload = (await response.json()) as { data?: unknown; error?: { message: string } };
  if (response.status === 401 && !adminToken)
    throw new UsageError(
      `The sandbox at ${url} wants an admin token: pass --admin-token or set ${ADMIN_TOKEN_ENV}.`,
    );
  if (!response.ok)
    throw new UsageError(payload.error?.message ?? `The sandbox answered ${response.status}.`);
  return payload.data;
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP.main);
    return;
  }
  if (!(command in HELP) || command === 'main')
    throw new UsageError(`Unknown command "${command}".\n\n${HELP.main}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      orders: { type: 'string' },
      'rate-limit': { type: 'string' },
      webhook: { type: 'string', multiple: true },
      'webhook-secret': { type: 'string' },
      connection: { type: 'string' },
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'webhook-retry-scale': { type: 'string' },
      'no-rate-limit-headers': { type: 'boolean' },
      'no-idempotency': { type: 'boolean' },
      'no-record-webhooks': { type: 'boolean' },
      'no-strict-bodies': { type: 'boolean' },
      'corrupt-records': { type: 'string' },
      'refresh-token-reuse-grace-ms': { type: 'string' },
      'sync-duration-ms': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(HELP[command]);
    return;
  }
  const url = values.url ?? DEFAULT_URL;
  const adminToken = values['admin-token'] ?? process.env[ADMIN_TOKEN_ENV] ?? undefined;
  const target = { url, adminToken: adminToken || undefined };

  if (command === 'start') {
    const sandbox = await startSandbox({
      port: integer('port', values.port, 4010),
      host: values.host ?? '127.0.0.1',
      seed: integer('seed', values.seed, 1),
      orders: integer('orders', values.orders, 250),
      rateLimit: integer('rate-limit', values['rate-limit'], 0),
      refreshTokenReuseGraceMs: integer(
        'refresh-token-reuse-grace-ms',
        values['refresh-token-reuse-grace-ms'],
        0,
      ),
      syncDurationMs: integer('sync-duration-ms', values['sync-duration-ms'], 0),
      webhooks: (values.webhook ?? []).map((webhook) => ({
        url: webhook,
        ...(values['webhook-secret'] ? { secret: values['webhook-secret'] } : {}),
      })),
      ...(adminToken !== undefined ? { adminToken } : {}),
      allowedHosts: values['allowed-host'] ?? [],
      // As a server, Makini's real schedule: 30 s doubling up to 24 h, unless scaled down.
      webhookRetry: { scale: Number(values['webhook-retry-scale'] ?? 1) },
      assumptions: {
        rateLimitHeaders: !values['no-rate-limit-headers'],
        idempotency: !values['no-idempotency'],
        recordWebhooks: !values['no-record-webhooks'],
        strictBodies: !values['no-strict-bodies'],
      },
      ...(values['corrupt-records']
        ? {
            faults: {
              corruptRecords: { every: integer('corrupt-records', values['corrupt-records'], 0) },
            },
          }
        : {}),
    });
    console.log(`Makini sandbox listening on ${sandbox.url}`);
    console.log(
      `  Link:   ${sandbox.url}/oauth/authorize?response_type=code&client_id=sandbox_client&state=…`,
    );
    console.log(
      `  Admin:  ${sandbox.url}${ADMIN_PREFIX}/connections${adminToken ? ' (Authorization: Bearer <admin token>)' : ''}`,
    );
    for (const endpoint of sandbox.admin.webhookEndpoints()) {
      console.log(`  Webhooks → ${endpoint.url} (secret ${endpoint.secrets[0]})`);
    }
    console.log('Seeded connections (password "sandbox-password"):');
    for (const connection of sandbox.admin.connections()) {
      console.log(
        `  ${connection.connectionKey}  ${connection.platformName.padEnd(24)} ${connection.username}`,
      );
    }
    const stop = () => {
      void sandbox.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }

  if (command === 'trigger') {
    const [type] = positionals;
    if (!type) throw new UsageError(`Name the event type.\n\n${HELP.trigger}`);
    if (!values.connection)
      throw new UsageError(`--connection <key> is required.\n\n${HELP.trigger}`);
    const event = await admin(target, 'POST', '/events', {
      type,
      connection_id: values.connection,
    });
    console.log(JSON.stringify(event, null, 2));
    return;
  }

  const [key] = positionals;
  if (!key) throw new UsageError(`Name the connection key.\n\n${HELP['rotate-credentials']}`);
  const credentials = (await admin(
    target,
    'POST',
    `/connections/${encodeURIComponent(key)}/rotate-credentials`,
  )) as {
    username: string;
    password: string;
  };
  console.log(
    `Rotated. New credentials for ${key}: username ${credentials.username}, password ${credentials.password}`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (
    error instanceof UsageError ||
    error instanceof SandboxOptionsError ||
    (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(`makini-sandbox: ${(error as Error).message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
