import { fixedSource } from '../testSource.js';
import { storyControlArgTypes } from './storyControls.js';

/**
 * What the ReconnectButton story files share: every public option as a control, Link on the
 * Storybook origin, and a connection that needs reconnecting, so a click runs Link.
 */
export const reconnectButtonArgs = () => ({
  connectionId: 'c1',
  link: {
    clientId: 'sandbox_client',
    redirectUri: `${window.location.origin}/link/callback`,
    linkUrl: window.location.origin,
  },
  mode: 'popup' as const,
  popupBlocked: 'redirect' as const,
  bound: true,
  force: false,
  timeoutMs: 600_000,
  confirmTimeoutMs: 30_000,
  platform: '',
  loginHint: '',
  health: fixedSource({ c1: { state: 'reauthorization_required', since: 1 } }),
  theme: 'light' as const,
  locale: 'en',
});

export const reconnectButtonArgTypes = {
  mode: { control: 'inline-radio', options: ['popup', 'redirect'] },
  popupBlocked: { control: 'inline-radio', options: ['redirect', 'offer'] },
  health: { control: false },
  ...storyControlArgTypes,
} as const;

/** The stories stand in for the popup by replacing `window.open`: each story gets it back after. */
export const restoreWindowOpen = () => {
  const original = window.open;
  return () => {
    window.open = original;
  };
};
