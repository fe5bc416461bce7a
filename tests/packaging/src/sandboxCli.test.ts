import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkRegistryDependencies } from './linkRegistryDependencies.js';
import { packTarball } from './packTarball.js';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'makini-sandbox-cli-'));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

/** Starts the CLI and answers the URL it prints, or rejects with what it printed instead. */
function start(bin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const started = spawn(bin, ['start', '--port', '0', '--orders', '5'], { cwd: scratch });
    child = started;
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    };
    started.stdout.on('data', collect);
    started.stderr.on('data', collect);
    started.on('error', reject);
    started.on('exit', (code) => reject(new Error(`makini-sandbox exited ${code}:\n${output}`)));
  });
}

describe('the makini-sandbox CLI, installed from the tarballs', () => {
  let bin: string;

  beforeAll(async () => {
    // What npm installs for `npm i @makini-kit/sandbox`: the package, @makini-kit/core beside it,
    // their registry dependencies, and a node_modules/.bin link to the bin.
    const [sandbox, core] = await Promise.all([
      packTarball('sandbox', scratch),
      packTarball('core', scratch),
    ]);
    linkRegistryDependencies(sandbox, 'sandbox', scratch);
    linkRegistryDependencies(core, 'core', scratch);
    const target = (sandbox.manifest.bin as Record<string, string>)['makini-sandbox'] ?? '';
    mkdirSync(join(scratch, 'node_modules/.bin'));
    bin = join(scratch, 'node_modules/.bin/makini-sandbox');
    symlinkSync(relative(join(scratch, 'node_modules/.bin'), join(sandbox.root, target)), bin);
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('prints its help', async () => {
    const { stdout } = await run(bin, ['--help'], { cwd: scratch });
    expect(stdout).toContain('Usage:\n  makini-sandbox start [options]');
  });

  it('starts a sandbox that issues tokens and serves the system API', async () => {
    const url = await start(bin);
    const token = await fetch(`${url}/link/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'sandbox_client',
        client_secret: 'sandbox_secret',
      }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const platforms = await fetch(`${url}/api/system/platforms`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(platforms.status).toBe(200);
    expect(((await platforms.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);

    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
