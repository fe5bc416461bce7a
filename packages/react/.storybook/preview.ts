import type { Preview } from '@storybook/react-vite';
import '../src/styles.css';
import { ReferenceDocsPage } from './ReferenceDocsPage.js';

const preview: Preview = {
  parameters: {
    // Every story is checked with axe; a violation fails its test.
    a11y: { test: 'error' },
    controls: { expanded: true },
    // Each component's docs page links its page of the API reference.
    docs: { page: ReferenceDocsPage },
  },
  tags: ['autodocs'],
};

export default preview;
