import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { en } from './messages/en.js';
import { healthArgTypes } from './stories/healthControls.js';
import { Playground, type PlaygroundProps } from './stories/Playground.js';
import {
  type StoryControls,
  storyControlArgTypes,
  storyControls,
} from './stories/storyControls.js';

type Args = PlaygroundProps & StoryControls;

/**
 * Play with the widgets: the controls fill a fake health source (state, reason, error rate, last
 * sync, Makini's sync status) that `<ConnectionStatus>` and `<SyncStatus>` read, and pick the
 * language, the variant and the theme. Change a control and the mounted widgets follow, as they
 * follow a live health source.
 */
const meta = {
  title: 'Playground',
  component: Playground,
  args: {
    state: 'reauthorization_required',
    reason: 'The SAP S/4HANA password was changed. Reconnect to restore access.',
    errorRate: 0,
    lastSyncMinutesAgo: 26 * 60,
    syncStatus: 'fail',
    locale: 'en',
    variant: 'card',
    theme: 'light',
  },
  argTypes: {
    ...healthArgTypes,
    ...storyControlArgTypes,
    variant: { control: 'inline-radio', options: ['badge', 'inline', 'card'] },
  },
  decorators: [storyControls({ localeProp: true, healthProps: true })],
  parameters: { controls: { sort: 'none' } },
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

export const Widgets: Story = {
  play: async ({ canvasElement }) => {
    const [status, sync] = within(canvasElement).getAllByRole('status');
    await expect(status).toHaveAttribute('data-state', 'reauthorization_required');
    await expect(status).toHaveTextContent('password was changed');
    await expect(sync).toHaveAttribute('data-state', 'fail');
    await expect(
      within(canvasElement).getByRole('button', { name: en.sync.actions.fail }),
    ).toBeVisible();
  },
};

/** A degraded connection in Japanese, on the dark theme. */
export const DegradedInJapanese: Story = {
  args: {
    state: 'degraded',
    reason: '',
    errorRate: 0.27,
    lastSyncMinutesAgo: 35,
    syncStatus: 'error',
    locale: 'ja',
    theme: 'dark',
  },
};
