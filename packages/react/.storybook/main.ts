import type { StorybookConfig } from '@storybook/react-vite';
import { linkCallbackPage } from '../test/linkCallbackPage.js';
import { linkCallbackStaticPage } from '../test/linkCallbackStaticPage.js';
import { referencePages, referenceStaticDirs } from './referencePages.js';

const config: StorybookConfig = {
  stories: ['../src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  staticDirs: referenceStaticDirs(),
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    plugins: [...(viteConfig.plugins ?? []), linkCallbackPage, linkCallbackStaticPage()],
    define: {
      ...viteConfig.define,
      __MAKINI_REFERENCE_PAGES__: JSON.stringify(referencePages()),
    },
    // Stories run from the workspace sources, like the tests.
    resolve: {
      ...viteConfig.resolve,
      conditions: ['@makini-kit/source', 'browser', 'module', 'import', 'default'],
    },
  }),
};

export default config;
