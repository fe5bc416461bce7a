import { defineConfig } from 'vitest/config';

// The test process (sandbox, signer) runs the workspace's sources; the app itself is built by
// `next build` from the packages' dist/, as an installed copy would be.
export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    include: ['e2e/**/*.test.ts', 'lib/**/*.test.ts'],
    testTimeout: 120_000,
    // `next build` runs in the suite's first hook: minutes on a busy two-core machine.
    hookTimeout: 900_000,
  },
});
