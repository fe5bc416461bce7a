import type { ConnectionHealth } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ConnectionList, type ConnectionListProps } from './ConnectionList.js';
import type { ConnectionListItem } from './connectionList/ConnectionListItem.js';
import { ar } from './locales/index.js';
import { MakiniProvider } from './MakiniProvider.js';
import {
  type StoryControls,
  storyControlArgTypes,
  storyControls,
} from './stories/storyControls.js';
import { fixedSource } from './testSource.js';

type Args = ConnectionListProps & StoryControls;

const MINUTE = 60_000;

/** One connection in every health state, with the sync status that goes with it. */
const rows: Array<ConnectionListItem & { health: Partial<ConnectionHealth> }> = [
  {
    id: 'c1',
    name: 'Plant North',
    system: 'SAP S/4HANA',
    health: {
      state: 'healthy',
      lastSuccessAt: Date.now() - 4 * MINUTE,
      sync: { status: 'done', updatedAt: Date.now() - 4 * MINUTE },
    },
  },
  {
    id: 'c2',
    name: 'Harbor Cranes',
    system: 'IBM Maximo',
    health: { state: 'syncing', sync: { status: 'inprogress', updatedAt: Date.now() - MINUTE } },
  },
  {
    id: 'c3',
    name: 'Warehouse East',
    system: 'Oracle NetSuite',
    health: {
      state: 'degraded',
      errorRate: 0.34,
      samples: 41,
      sync: { status: 'error', updatedAt: Date.now() - 12 * MINUTE },
    },
  },
  {
    id: 'c4',
    name: 'Head Office',
    system: 'Microsoft Dynamics 365',
    health: {
      state: 'reauthorization_required',
      reason: 'The password was changed. Reconnect to restore access.',
      sync: { status: 'fail', updatedAt: Date.now() - 3 * 60 * MINUTE },
    },
  },
  {
    id: 'c5',
    name: 'Old Depot',
    system: 'Infor EAM',
    health: { state: 'disconnected', reason: 'The connection was removed.' },
  },
  {
    id: 'c6',
    name: 'New Site',
    system: 'Epicor Kinetic',
    health: { state: 'unknown' },
  },
];

const connections: ConnectionListItem[] = rows.map(
  ({ health: _health, ...connection }) => connection,
);
const health = () => fixedSource(Object.fromEntries(rows.map((row) => [row.id, row.health])));

/**
 * `<ConnectionList>` shows a customer's connections in one table: each row's status and last sync
 * (live, from the health source), Reconnect (emphasised where needed) and Disconnect behind an
 * inline confirmation. After a removal, focus moves to the next row and a polite live region says
 * what happened. It fetches nothing: pass `connections` (`undefined` while loading) or `error`.
 */
const meta = {
  title: 'ConnectionList',
  component: ConnectionList,
  args: {
    connections,
    health: health(),
    locale: 'en',
    onDisconnect: fn(async () => {}),
    onConnectNew: fn(),
    onRetry: fn(),
    error: undefined,
    labels: {},
    theme: 'light',
    // "Connect a new system" runs Makini Link for a new system (in place of `onConnectNew`).
    connect: {
      link: { clientId: 'sandbox_client', redirectUri: 'https://app.example.com/link/callback' },
      exchange: fn(async () => ({ connectionId: 'c7' })),
    },
    reconnect: {
      link: { clientId: 'sandbox_client', redirectUri: 'https://app.example.com/link/callback' },
      exchange: fn(async () => {}),
    },
  },
  argTypes: {
    connections: { control: 'object' },
    error: { control: 'text' },
    health: { control: false },
    ...storyControlArgTypes,
  },
  decorators: [storyControls({ localeProp: true })],
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

const rowOf = (canvas: HTMLElement, name: string) =>
  within(canvas)
    .getByRole('rowheader', { name: new RegExp(name) })
    .closest('tr') as HTMLElement;

/** Every health state, one per row; Reconnect is the primary action where it is needed. */
export const Populated: Story = {
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table', { name: 'Connections' });
    await expect(within(table).getAllByRole('rowheader')).toHaveLength(rows.length);
    for (const row of rows) {
      await expect(rowOf(canvasElement, row.name)).toHaveAttribute(
        'data-state',
        row.health.state as string,
      );
    }
    await expect(
      within(rowOf(canvasElement, 'Head Office')).getByRole('button', { name: 'Reconnect' }),
    ).toHaveAttribute('data-priority', 'primary');
    await expect(within(canvasElement).getByText('6 connections')).toBeInTheDocument();
  },
};

export const Empty: Story = {
  args: { connections: [] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No systems connected yet.')).toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Connect a new system' })).toBeInTheDocument();
  },
};

export const Loading: Story = {
  args: { connections: undefined },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Loading connections…')).toHaveAttribute(
      'role',
      'status',
    );
  },
};

export const LoadError: Story = {
  args: { connections: undefined, error: 'The back end answered 502.' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent(
      'The connections could not be loaded.',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};

/** A row whose Disconnect was pressed: the confirmation sits under it. */
export const Confirming: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(
      within(rowOf(canvasElement, 'Old Depot')).getByRole('button', { name: 'Disconnect' }),
    );
    const confirm = within(canvasElement).getByRole('group', { name: 'Disconnect Old Depot?' });
    await expect(confirm).toHaveTextContent('Data stops syncing');
  },
};

/** Long names wrap inside their cell instead of pushing the actions off screen. */
export const LongNames: Story = {
  args: {
    connections: [
      {
        id: 'c1',
        name: 'Zentrallager Süd-West – Instandhaltung und Ersatzteilversorgung der Fertigungslinien 1 bis 12',
        system: 'SAP S/4HANA Cloud, private edition (Plant Maintenance and Materials Management)',
      },
      { id: 'c2', name: 'AVeryLongIdentifierWithoutAnySpacesThatMustStillWrapInsideItsCell' },
    ],
  },
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table');
    await expect(table.getBoundingClientRect().width).toBeLessThanOrEqual(
      canvasElement.getBoundingClientRect().width + 1,
    );
  },
};

/**
 * The keyboard flow: Tab to Disconnect, Enter opens the confirmation (focus on Cancel), Escape
 * closes it (focus back on Disconnect), Enter again and confirm: the row goes, focus lands on the
 * next row's Disconnect, and the live region says so.
 */
export const KeyboardDisconnect: Story = {
  play: async ({ canvasElement, args }) => {
    const row = rowOf(canvasElement, 'Harbor Cranes');
    within(row).getByRole('button', { name: 'Reconnect' }).focus();
    await userEvent.tab();
    const disconnect = within(row).getByRole('button', { name: 'Disconnect' });
    await expect(disconnect).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    const confirm = within(canvasElement).getByRole('group', { name: 'Disconnect Harbor Cranes?' });
    await expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(within(canvasElement).queryByRole('group')).toBeNull();
    await expect(disconnect).toHaveFocus();

    await userEvent.keyboard('{Enter}');
    await userEvent.tab({ shift: true });
    const yes = within(within(canvasElement).getByRole('group')).getByRole('button', {
      name: 'Disconnect',
    });
    await expect(yes).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() =>
      expect(within(canvasElement).queryByRole('rowheader', { name: /Harbor Cranes/ })).toBeNull(),
    );
    await expect(args.onDisconnect).toHaveBeenCalledWith(connections[1]);
    await expect(
      within(rowOf(canvasElement, 'Warehouse East')).getByRole('button', { name: 'Disconnect' }),
    ).toHaveFocus();
    await expect(canvasElement.querySelector('[data-part="announcer"]')).toHaveTextContent(
      'Harbor Cranes was disconnected.',
    );
  },
};

/** A refused disconnect: the confirmation stays, with an alert, to try again. */
export const DisconnectFailed: Story = {
  args: {
    onDisconnect: fn(async () => {
      throw new Error('The back end answered 500.');
    }),
  },
  play: async ({ canvasElement }) => {
    await userEvent.click(
      within(rowOf(canvasElement, 'Plant North')).getByRole('button', { name: 'Disconnect' }),
    );
    const confirm = within(canvasElement).getByRole('group');
    await userEvent.click(within(confirm).getByRole('button', { name: 'Disconnect' }));
    await expect(await within(confirm).findByRole('alert')).toHaveTextContent(
      'Plant North could not be disconnected. Try again.',
    );
  },
};

/** The last connection removed: focus moves to "Connect a new system". */
export const LastOneRemoved: Story = {
  args: { connections: [connections[0] as ConnectionListItem] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Disconnect' }));
    await userEvent.click(
      within(canvas.getByRole('group')).getByRole('button', { name: 'Disconnect' }),
    );
    await waitFor(() =>
      expect(canvas.getByRole('button', { name: 'Connect a new system' })).toHaveFocus(),
    );
    await expect(canvas.getByText('No systems connected yet.')).toBeInTheDocument();
  },
};

/** The dark theme. */
export const DarkTheme: Story = {
  args: { theme: 'dark' },
};

/** Arabic, right to left: the name column starts on the right and the texts are Arabic. */
export const RightToLeft: Story = {
  args: { locale: 'ar' },
  decorators: [
    (Story) => (
      <div lang="ar">
        <MakiniProvider messages={ar}>
          <Story />
        </MakiniProvider>
      </div>
    ),
  ],
  play: async ({ canvasElement }) => {
    const list = canvasElement.querySelector('[data-makini="connection-list"]') as HTMLElement;
    await expect(list).toHaveAttribute('dir', 'rtl');
    await expect(within(list).getByRole('table', { name: ar.list.label })).toBeInTheDocument();
    const name = within(list).getAllByRole('rowheader')[0] as HTMLElement;
    const status = name.nextElementSibling as HTMLElement;
    await expect(name.getBoundingClientRect().left).toBeGreaterThan(
      status.getBoundingClientRect().left,
    );
  },
};
