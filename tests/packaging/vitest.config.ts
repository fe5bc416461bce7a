import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Four `pnpm pack`s and a sandbox started from its tarball, on a 2-core machine shared with other suites.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
