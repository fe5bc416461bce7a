import { CONNECTION_HEALTH_STATES, type ConnectionHealthState } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ConnectionStatus, type ConnectionStatusProps } from './ConnectionStatus.js';
import { type HealthControls, healthArgTypes } from './stories/healthControls.js';
import {
  type StoryControls,
  storyControlArgTypes,
  storyControls,
} from './stories/storyControls.js';
import { fixedSource } from './testSource.js';

/** The health controls of each state's story: what a connection in that state typically shows. */
const details: Record<ConnectionHealthState, HealthControls> = {
  healthy: { lastSyncMinutesAgo: 4 },
  syncing: { lastSyncMinutesAgo: 180 },
  degraded: { errorRate: 0.34, lastSyncMinutesAgo: 20 },
  reauthorization_required: {
    reason: 'The SAP S/4HANA password was changed. Reconnect to restore access.',
    lastSyncMinutesAgo: 24 * 60,
  },
  disconnected: { reason: 'The connection was removed.' },
  unknown: {},
};

const controlsFor = (state: ConnectionHealthState): HealthControls => ({
  state,
  reason: '',
  errorRate: 0,
  ...details[state],
});
const sourceFor = (state: ConnectionHealthState) =>
  fixedSource({ c1: { state, ...details[state] } });

type Args = ConnectionStatusProps & StoryControls & HealthControls;

/**
 * `<ConnectionStatus>` shows a connection's health to your customers: `role="status"`,
 * `aria-live="polite"`, and `data-state` for styling. Three variants; texts from the provider's `messages`, any of them replaced with `labels`.
 */
const meta = {
  title: 'ConnectionStatus',
  component: ConnectionStatus,
  // The controls: `state` and the rest of the fake health source's fields drive the widget live.
  args: {
    connectionId: 'c1',
    variant: 'card',
    locale: 'en',
    labels: {},
    asChild: false,
    health: fixedSource(),
    theme: 'light',
    ...controlsFor('healthy'),
  },
  argTypes: {
    variant: { control: 'inline-radio', options: ['badge', 'inline', 'card'] },
    health: { control: false },
    ...storyControlArgTypes,
    ...healthArgTypes,
  },
  decorators: [storyControls({ localeProp: true })],
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

const stateStory = (state: ConnectionHealthState, label: string): Story => ({
  args: { health: fixedSource(), ...controlsFor(state) },
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveAttribute('data-state', state);
    await expect(status).toHaveTextContent(label);
  },
});

export const Healthy = stateStory('healthy', 'Connected');
export const Syncing = stateStory('syncing', 'Syncing');
export const Degraded = stateStory('degraded', '34% of recent calls failed');
export const ReauthorizationRequired = stateStory('reauthorization_required', 'Reconnect required');
export const Disconnected = stateStory('disconnected', 'Disconnected');
export const Unknown = stateStory('unknown', 'Checking…');

/** Every state in every variant. */
export const AllStates: Story = {
  render: (args) => (
    <div
      style={{
        display: 'grid',
        gap: '1rem',
        gridTemplateColumns: 'repeat(3, max-content)',
        alignItems: 'start',
      }}
    >
      {CONNECTION_HEALTH_STATES.flatMap((state) =>
        (['badge', 'inline', 'card'] as const).map((variant) => (
          <ConnectionStatus
            key={`${state}-${variant}`}
            {...args}
            health={sourceFor(state)}
            variant={variant}
          />
        )),
      )}
    </div>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('status')).toHaveLength(
      CONNECTION_HEALTH_STATES.length * 3,
    );
  },
};

/** The dark theme: set `data-makini-theme="dark"` on an ancestor, or follow the system setting. */
export const DarkTheme: Story = {
  args: { theme: 'dark' },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      {CONNECTION_HEALTH_STATES.map((state) => (
        <ConnectionStatus key={state} {...args} health={sourceFor(state)} />
      ))}
    </div>
  ),
};

/** In German: `<MakiniProvider messages={de}>` (the `locale` control), with relative times in German too. */
export const German: Story = {
  args: { health: fixedSource(), locale: 'de', ...controlsFor('reauthorization_required') },
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveTextContent('Neu verbinden erforderlich');
    await expect(status).toHaveTextContent('Zuletzt synchronisiert gestern');
  },
};

/** `labels` rewords some texts; the others stay in the provider's language. */
export const Reworded: Story = {
  args: {
    health: fixedSource(),
    ...controlsFor('reauthorization_required'),
    labels: {
      states: { reauthorization_required: 'Sign in to SAP again' } as never,
      lastSync: (time: string) => `Data from ${time}`,
    },
  },
  play: async ({ canvasElement }) => {
    const status = within(canvasElement).getByRole('status');
    await expect(status).toHaveTextContent('Sign in to SAP again');
    await expect(status).toHaveTextContent('Data from yesterday');
  },
};

/** Full control with a render prop. */
export const RenderProp: Story = {
  args: {
    health: fixedSource(),
    ...controlsFor('degraded'),
    children: ({ label, errorRate }) => (
      <strong>
        {label}: {errorRate}
      </strong>
    ),
  },
};
