import { defineConfig } from 'vitest/config';

// Tests of the spec tooling: the overlay applier, the generator's drift and naming, and the
// generated client against the sandbox. Workspace packages resolve to their sources.
export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
