import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DemoConfigError } from './DemoConfigError.js';
import { parseDemoArgs } from './demoArgs.js';

const REDIS = { REDIS_URL: 'redis://127.0.0.1:6390' };

describe('parseDemoArgs', () => {
  it('runs one process without flags, Redis or not', () => {
    expect(parseDemoArgs([], {})).toEqual({ kind: 'single' });
    expect(parseDemoArgs(['--'], REDIS)).toEqual({ kind: 'single' });
  });

  it('takes --replicas N and --replicas=N with REDIS_URL', () => {
    const replicas = {
      kind: 'replicas',
      replicas: 3,
      redisUrl: REDIS.REDIS_URL,
      redisPrefix: 'makini-demo:',
    };
    expect(parseDemoArgs(['--replicas', '3'], REDIS)).toEqual(replicas);
    expect(parseDemoArgs(['--', '--replicas=3'], REDIS)).toEqual(replicas);
    expect(parseDemoArgs(['--replicas', '2'], { ...REDIS, DEMO_REDIS_PREFIX: 'mine:' })).toEqual({
      ...replicas,
      replicas: 2,
      redisPrefix: 'mine:',
    });
  });

  it('refuses replicas without REDIS_URL, a bad count and unknown flags, saying what to do', () => {
    expect(() => parseDemoArgs(['--replicas', '3'], { REDIS_URL: ' ' })).toThrow(
      /--replicas 3 needs Redis.*set REDIS_URL/,
    );
    for (const count of ['0', '17', 'three', '2.5', '']) {
      expect(() => parseDemoArgs(['--replicas', count], REDIS)).toThrow(
        /--replicas takes a whole number from 1 to 16/,
      );
    }
    expect(() => parseDemoArgs(['--replica', '3'], REDIS)).toThrow(DemoConfigError);
    expect(() => parseDemoArgs(['--replica', '3'], REDIS)).toThrow(/Unknown argument "--replica"/);
  });
});

describe('the demo started with --replicas and no REDIS_URL', () => {
  it('exits with status 1 and says to set REDIS_URL, starting nothing', () => {
    const { REDIS_URL: _, ...env } = process.env;
    const run = spawnSync(
      process.execPath,
      ['--conditions=@makini-kit/source', '--import', 'tsx', 'server/main.ts', '--replicas', '3'],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), env, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--replicas 3 needs Redis.*set REDIS_URL/);
    expect(run.stdout).not.toMatch(/demo is running/);
  });
});
