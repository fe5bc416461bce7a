import type { ConnectionHealth, ReconnectOutcome } from '@makini-kit/core';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { en } from './messages/en.js';
import { outcomeText } from './messages/outcomeText.js';
import { useMessages } from './messages/useMessages.js';
import { ReconnectButton, type ReconnectButtonProps } from './ReconnectButton.js';
import {
  reconnectButtonArgs,
  reconnectButtonArgTypes,
  restoreWindowOpen,
} from './stories/reconnectButtonStory.js';
import { type StoryControls, storyControls } from './stories/storyControls.js';
import { fixedSource } from './testSource.js';

/**
 * Every outcome of a reconnect, as `onResult` reports it, with the words `messages.outcomes` has
 * for it. The popup is a stand-in window the story controls; the real flow against the sandbox is
 * tested in Chromium (`src/reconnectOutcomes.popups.browser.test.tsx`).
 */
function WithOutcome(props: ReconnectButtonProps) {
  const messages = useMessages();
  const [outcome, setOutcome] = useState<ReconnectOutcome>();
  return (
    <div style={{ display: 'grid', gap: '0.75rem', justifyItems: 'start' }}>
      <ReconnectButton
        {...props}
        onResult={(result) => {
          setOutcome(result);
          props.onResult?.(result);
        }}
      />
      <p role="status" data-outcome={outcome?.type ?? ''}>
        {outcome ? outcomeText(outcome, messages) : ''}
      </p>
    </div>
  );
}

const entry = (state: ConnectionHealth['state']): Partial<ConnectionHealth> => ({
  state,
  since: 1,
});

const meta = {
  title: 'ReconnectButton/Outcomes',
  component: ReconnectButton,
  render: (args) => <WithOutcome {...args} />,
  args: {
    ...reconnectButtonArgs(),
    exchange: fn(async () => undefined),
    onResult: fn(),
    onEvent: fn(),
  },
  argTypes: reconnectButtonArgTypes,
  decorators: [storyControls({ localeProp: false })],
  beforeEach: restoreWindowOpen,
} satisfies Meta<ReconnectButtonProps & StoryControls>;
export default meta;
type Story = StoryObj<ReconnectButtonProps & StoryControls>;

/** window.open, replaced by a stand-in popup (or `null`, as a blocking browser answers). */
function standInPopup(blocked = false) {
  const opened: string[] = [];
  const popup = { closed: false, close: () => (popup.closed = true), focus: () => {} };
  window.open = ((url: string) => {
    opened.push(url);
    return blocked ? null : popup;
  }) as unknown as typeof window.open;
  const answer = (search: (state: string) => string) => {
    const state = new URL(opened[0] ?? window.location.href).searchParams.get('state') ?? '';
    window.postMessage({ source: 'makini-link', search: search(state) }, window.location.origin);
  };
  return { opened, popup, answer };
}

const outcomeOf = (canvasElement: HTMLElement) =>
  within(canvasElement).getByRole('status').getAttribute('data-outcome');

/** Signed in, exchanged, and the health source shows the connection working. */
export const Reconnected: Story = {
  args: { health: fixedSource({ c1: entry('reauthorization_required') }) },
  play: async ({ args, canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await waitFor(() =>
      expect(within(canvasElement).getByRole('button')).toHaveAttribute('data-state', 'confirming'),
    );
    (args.health as ReturnType<typeof fixedSource>).set({ c1: entry('healthy') });
    await waitFor(() => expect(outcomeOf(canvasElement)).toBe('reconnected'));
    await expect(args.onResult).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'reconnected', confirmedBy: 'health' }),
    );
  },
};

/** The health source already shows it working: nothing opens. */
export const AlreadyHealthy: Story = {
  args: { health: fixedSource({ c1: entry('healthy') }) },
  play: async ({ canvasElement }) => {
    const { opened } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    await waitFor(() => expect(outcomeOf(canvasElement)).toBe('already_healthy'));
    await expect(opened).toHaveLength(0);
  },
};

/** The customer pressed Cancel on the consent page. */
export const Cancelled: Story = {
  play: async ({ args, canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer((state) => `?error=access_denied&state=${state}`);
    await waitFor(() => expect(outcomeOf(canvasElement)).toBe('cancelled'));
    await expect(args.onResult).toHaveBeenCalledWith(
      expect.objectContaining({ reason: 'access_denied' }),
    );
  },
};

/** The browser blocked the popup and `popupBlocked: 'offer'`: the button continues in this tab. */
export const PopupBlocked: Story = {
  args: { popupBlocked: 'offer' },
  play: async ({ canvasElement }) => {
    standInPopup(true);
    await userEvent.click(within(canvasElement).getByRole('button'));
    await waitFor(() => expect(outcomeOf(canvasElement)).toBe('popup_blocked'));
    await expect(within(canvasElement).getByRole('button')).toHaveAttribute(
      'data-state',
      'blocked',
    );
    await expect(within(canvasElement).getByRole('button')).toHaveTextContent(
      'Continue in this tab',
    );
  },
};

/** No sign-in within `timeoutMs`: the popup is closed. */
export const TimedOut: Story = {
  args: { timeoutMs: 300 },
  play: async ({ canvasElement }) => {
    const { popup } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    await waitFor(() => expect(outcomeOf(canvasElement)).toBe('timed_out'));
    await expect(popup.closed).toBe(true);
  },
};

/**
 * Signed in and exchanged, but the health source does not show the connection working within
 * `confirmTimeoutMs`: `timed_out` in its `confirmation` phase, which says so rather than "sign-in
 * took too long".
 */
export const NotConfirmed: Story = {
  args: { health: fixedSource({ c1: entry('reauthorization_required') }), confirmTimeoutMs: 300 },
  play: async ({ args, canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await waitFor(() => expect(outcomeOf(canvasElement)).toBe('timed_out'));
    await expect(args.onResult).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'timed_out', phase: 'confirmation' }),
    );
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(
      en.outcomes.not_confirmed ?? '',
    );
  },
};

/** The back end could not exchange the code: the outcome carries its code and request id. */
export const Failed: Story = {
  args: {
    exchange: fn(() =>
      Promise.reject(
        Object.assign(new Error('The code was already used.'), {
          code: 'invalid_grant',
          requestId: 'req_demo_123',
        }),
      ),
    ),
  },
  play: async ({ canvasElement }) => {
    const { answer } = standInPopup();
    await userEvent.click(within(canvasElement).getByRole('button'));
    answer((state) => `?code=sbx_code_demo&state=${state}`);
    await waitFor(() => expect(outcomeOf(canvasElement)).toBe('failed'));
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('req_demo_123');
    await expect(within(canvasElement).getByRole('button')).toHaveTextContent('Try again');
  },
};
