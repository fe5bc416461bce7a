import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startReplicatedDemo } from '../server/startReplicatedDemo.js';
import { deleteKeys, REDIS_URL } from './demoInChromium.js';

const dataDir = mkdtempSync(join(tmpdir(), 'makini-demo-processes-'));
const redisPrefix = `makini-demo-test:processes:${Math.random().toString(36).slice(2, 10)}:`;
const lines: string[] = [];
let demo: Awaited<ReturnType<typeof startReplicatedDemo>> | undefined;

afterAll(async () => {
  await demo?.close();
  await deleteKeys(redisPrefix);
  rmSync(dataDir, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Which replica answered `/api/connections` through the proxy, or the proxy's own error code. */
async function answer(backendUrl: string) {
  const response = await fetch(`${backendUrl}/api/connections`);
  return response.headers.get('x-demo-replica') ?? `${response.status}`;
}

describe('the replica processes of `pnpm demo --replicas`', () => {
  it('reports a replica that dies, serves on with the others, and stops every child on close', async () => {
    demo = await startReplicatedDemo({
      ports: { app: 0, backend: 0, sandbox: 0 },
      dataFile: join(dataDir, 'tokens.json'),
      replicas: 2,
      redisUrl: REDIS_URL,
      redisPrefix,
      log: (line) => lines.push(line),
    });
    const [first, second] = [...demo.replicas].sort((a, b) => a.name.localeCompare(b.name));
    if (!first || !second) throw new Error('two replicas');
    const seen = new Set<string>();
    const backendUrl = demo.backendUrl;
    await expect
      .poll(async () => [...seen.add(await answer(backendUrl))].sort())
      .toEqual(['replica-1', 'replica-2']);

    second.child.kill('SIGKILL');
    await expect
      .poll(() => lines.find((line) => line.startsWith('[demo] replica-2')))
      .toBe('[demo] replica-2 was killed (SIGKILL); 1 replica(s) still answer.');
    for (let call = 0; call < 4; call++) expect(await answer(demo.backendUrl)).toBe('replica-1');

    const pids = demo.replicas.map((replica) => replica.pid);
    expect(pids).toEqual([first.pid]);
    await demo.close();
    demo = undefined;
    for (const pid of [first.pid, second.pid]) expect(alive(pid)).toBe(false);
    // Stopping on purpose is not news.
    expect(
      lines.filter((line) => line.includes('replica-1 ') && line.startsWith('[demo]')),
    ).toEqual([]);
  });
});
