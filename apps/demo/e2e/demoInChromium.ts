import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@makini-kit/test-utils';
import { Redis } from 'ioredis';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDemo } from '../server/startDemo.js';
import { startReplicatedDemo } from '../server/startReplicatedDemo.js';

/** Where e2e tests write their screenshots. */
export const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));

/** The Redis replicas share in tests: CI starts one and exports REDIS_URL. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6390';

type Demo = Awaited<ReturnType<typeof startDemo>>;
type ReplicatedDemo = Awaited<ReturnType<typeof startReplicatedDemo>>;

/** Deletes every key under `prefix`, so a test leaves the shared Redis as it found it. */
export async function deleteKeys(prefix: string) {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * The whole demo on free ports with a throwaway data folder, and Debian's Chromium, started before
 * a test file's tests and stopped after them. Read `demo` and `browser` inside tests. With
 * `replicas`, the back end is that many processes sharing state in Redis (`REDIS_URL`, under a
 * key prefix of this file's own, deleted afterwards) behind the round-robin proxy.
 */
export function demoInChromium(name: string): {
  demo: Demo;
  browser: Browser;
  redisPrefix: string;
};
export function demoInChromium(
  name: string,
  options: { replicas: number },
): { demo: ReplicatedDemo; browser: Browser; redisPrefix: string };
export function demoInChromium(name: string, options?: { replicas: number }) {
  const redisPrefix = `makini-demo-test:${name}:${Math.random().toString(36).slice(2, 10)}:`;
  const harness = { redisPrefix } as {
    demo: Demo | ReplicatedDemo;
    browser: Browser;
    redisPrefix: string;
  };
  let dataDir = '';
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), `makini-demo-${name}-`));
    const common = {
      ports: { app: 0, backend: 0, sandbox: 0 },
      dataFile: join(dataDir, 'tokens.json'),
      log: () => undefined,
    };
    harness.demo = options
      ? await startReplicatedDemo({
          ...common,
          replicas: options.replicas,
          redisUrl: REDIS_URL,
          redisPrefix,
        })
      : await startDemo(common);
    harness.browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.demo?.close();
    if (options) await deleteKeys(redisPrefix);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return harness;
}
