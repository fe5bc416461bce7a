import type { LinkSettings } from '@makini-kit/react';

/** Where Makini Link runs (the sandbox by default) and comes back to; no secret here. */
export const link: LinkSettings = {
  clientId: import.meta.env.VITE_MAKINI_CLIENT_ID ?? 'sandbox_client',
  linkUrl: import.meta.env.VITE_MAKINI_LINK_URL ?? 'http://127.0.0.1:4010',
  redirectUri: `${window.location.origin}/link/callback`,
};
