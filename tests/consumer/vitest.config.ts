import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // npm installs three apps from the registry (its cache after the first run), Vite builds one,
    // and a browser plays the reconnect: minutes on a fresh 2-core machine, not seconds.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
