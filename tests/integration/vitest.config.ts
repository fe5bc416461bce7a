import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    // Outcomes arrive over real HTTP and streams; on a loaded machine that can take longer than
    // expect.poll's 1 s default, which made waits for an SSE update fail while nothing was wrong.
    expect: { poll: { timeout: 15_000 } },
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
});
