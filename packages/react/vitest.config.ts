import { chromiumLaunchOptions } from '@makini-kit/test-utils/chromium';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { linkCallbackPage } from './test/linkCallbackPage.js';
import {
  completeConsent,
  registerRedirectUri,
  rotateCredentials,
} from './test/reconnectCommands.js';

const chromium = playwright({ launchOptions: chromiumLaunchOptions() });

export default defineConfig({
  resolve: { conditions: ['@makini-kit/source'] },
  ssr: { resolve: { conditions: ['@makini-kit/source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
          exclude: ['**/*.browser.test.tsx', '**/node_modules/**'],
          environment: 'happy-dom',
          setupFiles: ['./vitest.setup.ts'],
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        plugins: [linkCallbackPage],
        // The Link pages load in windows of their own: their modules are known before the run, so
        // the dev server never re-bundles dependencies (and reloads the test) when one opens.
        optimizeDeps: { entries: ['src/**/*.browser.test.tsx', 'test/linkPages.tsx'] },
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.tsx'],
          globalSetup: ['test/reconnectBackend.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
            commands: { rotateCredentials, registerRedirectUri, completeConsent },
          },
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
