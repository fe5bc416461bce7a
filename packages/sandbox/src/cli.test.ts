import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const run = promisify(execFile);

async function runCli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let server: ChildProcess;
let url: string;

beforeAll(async () => {
  if (!existsSync(cli))
    throw new Error('dist/cli.js is missing: run `pnpm build` (turbo runs it before `test`).');
  server = spawn(process.execPath, [cli, 'start', '--port', '0', '--orders', '10'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await listening(server);
}, 20_000);

/** The URL a started sandbox prints. */
function listening(child: ChildProcess) {
  return new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}: ${output}`)));
  });
}

afterAll(async () => {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGINT');
  await exited;
});

describe('makini-sandbox CLI', () => {
  it.each([
    [],
    ['--help'],
    ['start', '--help'],
    ['trigger', '--help'],
    ['rotate-credentials', '--help'],
  ])('prints help for %j', async (...args) => {
    const result = await runCli(...args);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage/);
  });

  it('rotates credentials of a running sandbox and prints the new ones', async () => {
    const result = await runCli('rotate-credentials', '09000000000001', '--url', url);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/password rotated-1-[0-9a-f]{6}/);
    const connections = await (await fetch(`${url}/__sandbox/connections`)).json();
    expect(connections.data[0].status).toBe('reauthorization_required');
  });

  it('triggers an event', async () => {
    const result = await runCli(
      'trigger',
      'sync.completed',
      '--connection',
      '09000000000002',
      '--url',
      url,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      type: 'sync.completed',
      connection_id: '09000000000002',
    });
  });

  it('guards the admin API with --admin-token and sends it from the other commands', async () => {
    const guarded = spawn(
      process.execPath,
      [cli, 'start', '--port', '0', '--orders', '1', '--admin-token', 'adm_cli-token'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const guardedUrl = await listening(guarded);
      const refused = await runCli('rotate-credentials', '09000000000001', '--url', guardedUrl);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/admin token/);
      const rotated = await runCli(
        'rotate-credentials',
        '09000000000001',
        '--url',
        guardedUrl,
        '--admin-token',
        'adm_cli-token',
      );
      expect(rotated.code, rotated.stderr).toBe(0);
      expect(rotated.stdout).toMatch(/password rotated-1-/);
      const listed = await fetch(`${guardedUrl}/__sandbox/connections`, {
        headers: { authorization: 'Bearer adm_cli-token' },
      });
      expect((await listed.json()).data[0].status).toBe('reauthorization_required');
    } finally {
      if (guarded.exitCode === null && guarded.signalCode === null) {
        const exited = new Promise((resolve) => guarded.once('exit', resolve));
        guarded.kill('SIGINT');
        await exited;
      }
    }
  });

  it('answers a refresh token replayed within --refresh-token-reuse-grace-ms', async () => {
    const graced = spawn(
      process.execPath,
      [cli, 'start', '--port', '0', '--orders', '1', '--refresh-token-reuse-grace-ms', '60000'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const gracedUrl = await listening(graced);
      const form = (fields: Record<string, string>) =>
        fetch(`${gracedUrl}/link/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            client_id: 'sandbox_client',
            client_secret: 'sandbox_secret',
            ...fields,
          }),
        });
      const { access_token: clientToken } = await (
        await form({ grant_type: 'client_credentials' })
      ).json();
      const created = await fetch(`${gracedUrl}/api/system/connections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${clientToken}` },
        body: JSON.stringify({
          name: 'Graced',
          email: 'graced@customer.example',
          provider: 'sap-s4hana',
          credentials: { login: 'GRACED', password: 'pw' },
        }),
      });
      const { refresh_token } = (await created.json()).data;
      for (let attempt = 0; attempt < 2; attempt++) {
        const refreshed = await form({ grant_type: 'refresh_token', refresh_token });
        expect(refreshed.status, `attempt ${attempt}`).toBe(200);
      }
      const stats = await (await fetch(`${gracedUrl}/__sandbox/stats`)).json();
      expect(stats.data).toMatchObject({ refreshTokenReuse: 0, refreshTokenGraceReuse: 1 });
    } finally {
      if (graced.exitCode === null && graced.signalCode === null) {
        const exited = new Promise((resolve) => graced.once('exit', resolve));
        graced.kill('SIGINT');
        await exited;
      }
    }
  });

  it.each([
    [['start', '--host', '0.0.0.0', '--port', '0'], /--admin-token/],
    [['start', '--allowed-host', 'not a host'], /allowedHosts entry "not a host"/],
    [['start', '--port', 'abc'], /--port must be a non-negative integer/],
    [
      ['start', '--refresh-token-reuse-grace-ms', 'soon'],
      /--refresh-token-reuse-grace-ms must be a non-negative integer/,
    ],
    [['trigger', 'sync.completed'], /--connection <key> is required/],
    [['rotate-credentials', '09999999999999', '--url', 'http://127.0.0.1:1'], /No sandbox answers/],
    [['launch'], /Unknown command "launch"/],
    [['start', '--colour'], /Unknown option '--colour'/],
  ])('explains bad usage %j and exits 2', async (args, message) => {
    const result = await runCli(...(args as string[]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
