import type { ConnectionHealth } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { en } from './messages/en.js';
import { ReconnectPage, type ReconnectPageProps } from './ReconnectPage.js';
import {
  type StoryControls,
  storyControlArgTypes,
  storyControls,
} from './stories/storyControls.js';
import { fixedSource } from './testSource.js';

/**
 * `<ReconnectPage>` is what a reconnect link opens. These stories answer `verify` and `exchange`
 * as a back end would, and stand in for the Link popup with a window the story controls.
 */
const meta = {
  title: 'ReconnectPage',
  component: ReconnectPage,
  args: {
    token: 'a-link-token',
    link: {
      clientId: 'sandbox_client',
      redirectUri: `${window.location.origin}/link/callback`,
      linkUrl: window.location.origin,
    },
    popupBlocked: 'offer',
    timeoutMs: 600_000,
    confirmTimeoutMs: 30_000,
    // The linked connection needs reconnecting, so a click runs Link.
    health: fixedSource({ c1: { state: 'reauthorization_required' } }),
    theme: 'light',
    locale: 'en',
    verify: fn(async () => ({ connectionId: 'c1', system: 'SAP S/4HANA' })),
    exchange: fn(async () => ({ connectionId: 'c1', health: healthy })),
    onResult: fn(),
  },
  argTypes: {
    popupBlocked: { control: 'inline-radio', options: ['offer', 'redirect'] },
    health: { control: false },
    ...storyControlArgTypes,
  },
  decorators: [storyControls({ localeProp: false })],
  beforeEach: () => {
    const original = window.open;
    return () => {
      window.open = original;
    };
  },
} satisfies Meta<ReconnectPageProps & StoryControls>;
export default meta;
type Story = StoryObj<ReconnectPageProps & StoryControls>;

const healthy = {
  connectionId: 'c1',
  state: 'healthy',
  since: 0,
  errorRate: 0,
  samples: 3,
  history: [],
} as ConnectionHealth;

const link = () => ({
  clientId: 'sandbox_client',
  redirectUri: `${window.location.origin}/link/callback`,
  linkUrl: window.location.origin,
});

/** Replaces window.open with a stand-in popup (or none: blocked) and answers as its callback would. */
function standInPopup(blocked = false) {
  const opened: string[] = [];
  const popup = { closed: false, close: () => (popup.closed = true) };
  window.open = ((url: string) => {
    opened.push(url);
    return blocked ? null : popup;
  }) as unknown as typeof window.open;
  const answer = (search: (state: string) => string) => {
    const state = new URL(opened[0] ?? window.location.href).searchParams.get('state') ?? '';
    window.postMessage({ source: 'makini-link', search: search(state) }, window.location.origin);
  };
  return { opened, answer };
}

const refusedWith = (code: string): Story => ({
  args: { verify: fn(() => Promise.reject(Object.assign(new Error(code), { code }))) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert');
    await expect(alert).toHaveTextContent(en.reconnectPage.refusedHelp);
    await expect(alert).toHaveAttribute('data-refusal', code);
    await expect(canvas.queryByRole('button')).toBeNull();
  },
});

/** Clicks Reconnect and waits for the outcome's words. */
async function finishWith(canvasElement: HTMLElement, type: keyof typeof en.outcomes) {
  const canvas = within(canvasElement);
  await waitFor(() =>
    expect(canvasElement.querySelector('[data-makini="reconnect-page"]')).toHaveAttribute(
      'data-outcome',
      type,
    ),
  );
  await expect(canvas.getAllByRole('status').at(-1)).toHaveTextContent(en.outcomes[type] as string);
}

export const Checking: Story = {
  args: { verify: fn(() => new Promise<never>(() => {})) },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      en.reconnectPage.checking,
    );
  },
};

export const Ready: Story = {
  args: { link: link() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: en.reconnectPage.start });
    await expect(canvas.getByText(en.reconnectPage.intro('SAP S/4HANA'))).toBeVisible();
  },
};

export const RefusedExpired = refusedWith('LINK_EXPIRED');
export const RefusedUsed = refusedWith('LINK_USED');
export const RefusedInvalid = refusedWith('LINK_INVALID');
export const RefusedWrongConnection = refusedWith('LINK_WRONG_CONNECTION');

export const Reconnected: Story = {
  args: { link: link() },
  play: async ({ args, canvasElement }) => {
    const { answer, opened } = standInPopup();
    await userEvent.click(await within(canvasElement).findByRole('button'));
    await expect(new URL(opened[0] ?? '').searchParams.get('connection_id')).toBe('c1');
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await finishWith(canvasElement, 'reconnected');
    await expect(args.exchange).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'sbx_code_demo', connectionId: 'c1', token: 'a-link-token' }),
    );
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};

export const AlreadyHealthy: Story = {
  args: { link: link(), health: fixedSource({ c1: { state: 'healthy' } }) },
  play: async ({ canvasElement }) => {
    const { opened } = standInPopup();
    await userEvent.click(await within(canvasElement).findByRole('button'));
    await finishWith(canvasElement, 'already_healthy');
    await expect(opened).toEqual([]);
  },
};

export const Cancelled: Story = {
  args: { link: link() },
  play: async ({ canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(await within(canvasElement).findByRole('button'));
    answer((state) => `?error=access_denied&state=${state}`);
    await finishWith(canvasElement, 'cancelled');
    await expect(within(canvasElement).getByRole('button')).toBeVisible();
  },
};

export const PopupBlocked: Story = {
  args: { link: link() },
  play: async ({ canvasElement }) => {
    standInPopup(true);
    await userEvent.click(await within(canvasElement).findByRole('button'));
    await finishWith(canvasElement, 'popup_blocked');
    await expect(within(canvasElement).getByRole('button')).toHaveTextContent(
      en.reconnect.states.blocked,
    );
  },
};

export const TimedOut: Story = {
  args: { link: link(), timeoutMs: 200 },
  play: async ({ canvasElement }) => {
    standInPopup();
    await userEvent.click(await within(canvasElement).findByRole('button'));
    await finishWith(canvasElement, 'timed_out');
  },
};

export const Failed: Story = {
  args: {
    link: link(),
    exchange: fn(() =>
      Promise.reject(
        Object.assign(new Error('The exchange failed.'), {
          code: 'SERVER_ERROR',
          requestId: 'req_7f3a',
        }),
      ),
    ),
  },
  play: async ({ canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(await within(canvasElement).findByRole('button'));
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await finishWith(canvasElement, 'failed');
    await expect(within(canvasElement).getAllByRole('status').at(-1)).toHaveTextContent(
      en.outcomes.reference('req_7f3a'),
    );
  },
};
