import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from './startDemo.js';

let demo: Awaited<ReturnType<typeof startDemo>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'makini-demo-tracing-'));
  demo = await startDemo({
    ports: { app: 0, backend: 0, sandbox: 0 },
    dataFile: join(dataDir, 'tokens.json'),
    log: () => undefined,
  });
});
afterAll(async () => {
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo's request log", () => {
  it('gives each request id the trace id of its span', async () => {
    const logged = async () => {
      const response = await fetch(`${demo.backendUrl}/api/requests`);
      const { data } = (await response.json()) as {
        data: Array<{ requestId?: string; traceId?: string }>;
      };
      return data.filter((entry) => entry.requestId);
    };
    await expect.poll(async () => (await logged()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const entry of await logged()) expect(entry.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
