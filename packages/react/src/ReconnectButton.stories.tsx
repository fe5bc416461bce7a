import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { ReconnectButton, type ReconnectButtonProps } from './ReconnectButton.js';
import {
  reconnectButtonArgs,
  reconnectButtonArgTypes,
  restoreWindowOpen,
} from './stories/reconnectButtonStory.js';
import { type StoryControls, storyControls } from './stories/storyControls.js';

type Args = ReconnectButtonProps & StoryControls;

/**
 * `<ReconnectButton>` runs Makini Link again in a popup (or a full-page redirect) and hands the
 * code to your back end through `exchange` (`onSuccess` is its deprecated alias). Every outcome
 * has a story in "ReconnectButton/Outcomes". These stories stand in for the popup with a window the
 * story controls, and answer with the message a real callback page posts.
 */
const meta = {
  title: 'ReconnectButton',
  component: ReconnectButton,
  args: {
    ...reconnectButtonArgs(),
    onSuccess: fn(),
    onError: fn(),
    onExit: fn(),
    onEvent: fn(),
  },
  argTypes: reconnectButtonArgTypes,
  decorators: [storyControls({ localeProp: false })],
  beforeEach: restoreWindowOpen,
} satisfies Meta<Args>;
export default meta;
type Story = StoryObj<Args>;

const link = () => ({
  clientId: 'sandbox_client',
  redirectUri: `${window.location.origin}/link/callback`,
  linkUrl: window.location.origin,
});

/** Replaces window.open with a stand-in popup and returns what the button asked for. */
function standInPopup() {
  const opened: string[] = [];
  const popup = { closed: false, close: () => (popup.closed = true) };
  window.open = ((url: string) => {
    opened.push(url);
    return popup;
  }) as unknown as typeof window.open;
  const answer = (search: (state: string) => string) => {
    const state = new URL(opened[0] ?? window.location.href).searchParams.get('state') ?? '';
    window.postMessage({ source: 'makini-link', search: search(state) }, window.location.origin);
  };
  return { opened, popup, answer };
}

export const Idle: Story = {
  args: { link: link() },
  play: async ({ canvasElement }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Reconnect' });
    await expect(button).toHaveAttribute('type', 'button');
    await expect(button).toHaveAttribute('data-state', 'idle');
  },
};

export const Waiting: Story = {
  args: { link: link() },
  play: async ({ canvasElement }) => {
    standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    const button = within(canvasElement).getByRole('button');
    await expect(button).toHaveAttribute('data-state', 'waiting');
    await expect(button).toHaveAttribute('aria-busy', 'true');
  },
};

export const Exchanging: Story = {
  args: { link: link(), onSuccess: fn(() => new Promise<void>(() => {})) },
  play: async ({ canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await waitFor(() =>
      expect(within(canvasElement).getByRole('button')).toHaveAttribute('data-state', 'exchanging'),
    );
  },
};

const healthy = {
  connectionId: 'c1',
  state: 'healthy',
  since: 1,
  errorRate: 0,
  samples: 1,
  history: [],
} as const;

/** The back end exchanged the code and answered the connection healthy: `reconnected`. */
export const Success: Story = {
  args: {
    link: link(),
    exchange: fn(async () => ({ health: { ...healthy, history: [] } })),
    onResult: fn(),
  },
  play: async ({ args, canvasElement }) => {
    const { answer, popup } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await waitFor(() =>
      expect(within(canvasElement).getByRole('button')).toHaveAttribute('data-state', 'success'),
    );
    await expect(args.exchange).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'sbx_code_demo', connectionId: 'c1' }),
    );
    await expect(args.onResult).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'reconnected', confirmedBy: 'exchange' }),
    );
    await expect(popup.closed).toBe(true);
  },
};

/** A message with the wrong state is ignored and reported through onEvent. */
export const ForgedCallbackIgnored: Story = {
  args: { link: link() },
  play: async ({ args, canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer(() => '?code=forged&state=not-the-state');
    await waitFor(() =>
      expect(args.onEvent).toHaveBeenCalledWith(
        expect.objectContaining({ type: 'message_rejected', reason: 'state' }),
      ),
    );
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await expect(within(canvasElement).getByRole('button')).toHaveAttribute(
      'data-state',
      'waiting',
    );
  },
};

export const ErrorState: Story = {
  args: {
    link: link(),
    onSuccess: fn(() => Promise.reject(new Error('The back end could not exchange the code.'))),
  },
  play: async ({ args, canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await waitFor(() =>
      expect(within(canvasElement).getByRole('button', { name: 'Try again' })).toHaveAttribute(
        'data-state',
        'error',
      ),
    );
    await expect(args.onError).toHaveBeenCalled();
  },
};

/** The customer closed the popup: back to idle, onExit('closed'). */
export const PopupClosed: Story = {
  args: { link: link() },
  play: async ({ args, canvasElement }) => {
    const { popup } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    popup.closed = true;
    // The button gives a closed popup's last message a moment to arrive before calling it an exit.
    await waitFor(() => expect(args.onExit).toHaveBeenCalledWith('closed'), { timeout: 4000 });
    await expect(within(canvasElement).getByRole('button')).toHaveAttribute('data-state', 'idle');
  },
};

export const Disabled: Story = {
  args: { link: link(), disabled: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button')).toBeDisabled();
  },
};

/** The `theme` control set to dark: `data-makini-theme="dark"` on an ancestor. */
export const DarkTheme: Story = {
  args: { link: link(), theme: 'dark' },
};
