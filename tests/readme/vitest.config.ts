import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Each README is type-checked in up to four programs and its runnable blocks run in processes
    // of their own: seconds on an idle machine, much longer on a loaded 2-core one.
    testTimeout: 300_000,
  },
});
