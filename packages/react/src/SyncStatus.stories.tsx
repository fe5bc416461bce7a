import type { ConnectionHealth, SyncStatus as SyncStatusValue } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { MakiniProvider } from './MakiniProvider.js';
import { en } from './messages/en.js';
import { SyncStatus, type SyncStatusProps } from './SyncStatus.js';
import { type HealthControls, healthArgTypes } from './stories/healthControls.js';
import {
  type StoryControls,
  storyControlArgTypes,
  storyControls,
} from './stories/storyControls.js';

type Args = SyncStatusProps & StoryControls & HealthControls;

import { fixedSource } from './testSource.js';

const MINUTE = 60_000;
const SYNC_STATUSES = ['inprogress', 'done', 'fulldone', 'error', 'fail'] as const;

const healthFor: Record<SyncStatusValue, Partial<ConnectionHealth>> = {
  inprogress: { state: 'syncing', sync: { status: 'inprogress', updatedAt: Date.now() - MINUTE } },
  done: { state: 'healthy', sync: { status: 'done', updatedAt: Date.now() - 4 * MINUTE } },
  fulldone: { state: 'healthy', sync: { status: 'fulldone', updatedAt: Date.now() - 90 * MINUTE } },
  error: {
    state: 'degraded',
    sync: {
      status: 'error',
      updatedAt: Date.now() - 12 * MINUTE,
      reason: 'The ERP did not answer in time; the next sync retries.',
    },
  },
  fail: {
    state: 'reauthorization_required',
    sync: {
      status: 'fail',
      updatedAt: Date.now() - 3 * 3_600_000,
      reason: 'The SAP S/4HANA password was changed.',
    },
  },
};

const sourceFor = (status: SyncStatusValue) => fixedSource({ c1: healthFor[status] });

/**
 * `<SyncStatus>` shows Makini's sync status of a connection (`health.sync`) with the time it last
 * changed. `role="status"`, `aria-live="polite"`, `data-state` for styling. For `error` it says why
 * and offers `onRetry`; for `fail` (the saved credentials were rejected) it offers a Reconnect
 * button configured by `reconnect`.
 */
const meta = {
  title: 'SyncStatus',
  component: SyncStatus,
  args: {
    connectionId: 'c1',
    variant: 'card',
    locale: 'en',
    health: sourceFor('done'),
    theme: 'light',
    onRetry: fn(),
    reconnect: {
      link: { clientId: 'sandbox_client', redirectUri: 'https://app.example.com/link/callback' },
    },
  },
  argTypes: {
    variant: { control: 'inline-radio', options: ['inline', 'card'] },
    health: { control: false },
    ...storyControlArgTypes,
    // Set one to drive the story's fake health source.
    ...healthArgTypes,
  },
  decorators: [storyControls({ localeProp: true })],
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

const statusStory = (status: SyncStatusValue, variant: 'inline' | 'card' = 'card'): Story => ({
  args: { health: sourceFor(status), variant },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('status');
    await expect(region).toHaveAttribute('data-state', status);
    await expect(region).toHaveTextContent(en.sync.states[status]);
  },
});

export const InProgress = statusStory('inprogress');
export const Done = statusStory('done');
export const FullDone = statusStory('fulldone');
export const InlineDone = statusStory('done', 'inline');

/** `error`: the reason, and "Check again" calling `onRetry`. */
export const SyncError: Story = {
  args: { health: sourceFor('error') },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('did not answer in time');
    await userEvent.click(canvas.getByRole('button', { name: en.sync.actions.error }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};

/** `fail`: invalid platform credentials; the way out is a reconnect. */
export const Fail: Story = {
  args: { health: sourceFor('fail') },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveAttribute('data-state', 'fail');
    await expect(canvas.getByRole('button', { name: en.sync.actions.fail })).toHaveAttribute(
      'data-makini',
      'reconnect-button',
    );
  },
};

export const FailInline = { ...Fail, args: { ...Fail.args, variant: 'inline' } } satisfies Story;

/** Known connection, no sync reported yet. */
export const NotSyncedYet: Story = {
  args: { health: fixedSource({ c1: { state: 'healthy' } }) },
  play: async ({ canvasElement }) => {
    const region = within(canvasElement).getByRole('status');
    await expect(region).toHaveAttribute('data-state', 'unknown');
    await expect(region).toHaveTextContent(en.status.never);
  },
};

/** The health source has not answered yet. */
export const Loading: Story = {
  args: { health: fixedSource({}) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      en.status.states.unknown,
    );
  },
};

/** Every status in both variants. */
export const AllStatuses: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(2, max-content)' }}>
      {SYNC_STATUSES.flatMap((status) =>
        (['inline', 'card'] as const).map((variant) => (
          <SyncStatus
            key={`${status}-${variant}`}
            {...args}
            health={sourceFor(status)}
            variant={variant}
          />
        )),
      )}
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('status')).toHaveLength(
      SYNC_STATUSES.length * 2,
    );
  },
};

/** The dark theme: `data-makini-theme="dark"` on an ancestor. */
export const DarkTheme: Story = {
  args: { theme: 'dark' },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      {SYNC_STATUSES.map((status) => (
        <SyncStatus key={status} {...args} health={sourceFor(status)} />
      ))}
    </div>
  ),
};

/** Right to left: the provider's messages set `dir`; the layout mirrors. */
export const RightToLeft: Story = {
  args: { health: sourceFor('fail'), locale: 'ar' },
  render: (args) => (
    <MakiniProvider messages={{ ...en, locale: 'ar', dir: 'rtl' }}>
      <SyncStatus {...args} />
    </MakiniProvider>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveAttribute('dir', 'rtl');
  },
};
