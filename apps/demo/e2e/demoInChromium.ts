import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '@makini-kit/test-utils';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startDemo } from '../server/startDemo.js';

/** Where e2e tests write their screenshots. */
export const SHOTS = fileURLToPath(new URL('../test-results/', import.meta.url));

/**
 * The whole demo on free ports with a throwaway token file, and Debian's Chromium, started before
 * a test file's tests and stopped after them. Read `demo` and `browser` inside tests.
 */
export function demoInChromium(name: string) {
  const harness = {} as { demo: Awaited<ReturnType<typeof startDemo>>; browser: Browser };
  let dataDir = '';
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), `makini-demo-${name}-`));
    harness.demo = await startDemo({
      ports: { app: 0, backend: 0, sandbox: 0 },
      dataFile: join(dataDir, 'tokens.json'),
      log: () => undefined,
    });
    harness.browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(async () => {
    await harness.browser?.close();
    await harness.demo?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return harness;
}
