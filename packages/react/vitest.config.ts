import { chromiumLaunchOptions } from '@makini-kit/test-utils/chromium';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { linkCallbackPage } from './test/linkCallbackPage.js';
import { cancelConsent, closeConsent, consentQuery, openPages } from './test/outcomeCommands.js';
import { outcomeFramePage } from './test/outcomeFrame.js';
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
    // A poll waits on a browser, a back end and the sandbox, which a loaded CI machine slows down:
    // its default second is a race, not a check.
    expect: { poll: { timeout: 10_000 } },
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
        plugins: [linkCallbackPage, outcomeFramePage],
        // The Link pages load in windows of their own: their modules are known before the run, so
        // the dev server never re-bundles dependencies (and reloads the test) when one opens.
        optimizeDeps: {
          entries: ['src/**/*.browser.test.tsx', 'test/linkPages.tsx', 'test/outcomeFrame.tsx'],
        },
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.tsx'],
          // One file at a time: the files share one browser page, and a file that opens a window
          // or clicks takes the keyboard focus another file's keyboard test relies on.
          fileParallelism: false,
          exclude: ['**/*.popups.browser.test.tsx', '**/node_modules/**'],
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
        plugins: [linkCallbackPage, outcomeFramePage],
        optimizeDeps: {
          entries: [
            'src/**/*.popups.browser.test.tsx',
            'test/linkPages.tsx',
            'test/outcomeFrame.tsx',
          ],
        },
        test: {
          // Chromium's popup blocker on (Playwright turns it off by default): a window opened
          // outside a click is blocked here, as in a customer's browser.
          name: 'popups',
          include: ['src/**/*.popups.browser.test.tsx'],
          globalSetup: ['test/reconnectBackend.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                ...chromiumLaunchOptions(),
                ignoreDefaultArgs: ['--disable-popup-blocking'],
              },
            }),
            instances: [{ browser: 'chromium' }],
            commands: {
              rotateCredentials,
              registerRedirectUri,
              completeConsent,
              openPages,
              closeConsent,
              cancelConsent,
              consentQuery,
            },
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
