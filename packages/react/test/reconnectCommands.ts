import type { BrowserCommand } from 'vitest/node';
import type { ReconnectBackend } from './reconnectBackend.js';

// Read through globalThis, not imported: Node loads this file with the Vitest config, before any
// TypeScript workspace package can be; the global setup has put the back end there by the time a
// command runs.
const reconnectBackend = (): ReconnectBackend => {
  const backend = (globalThis as { makiniReconnectBackend?: ReconnectBackend })
    .makiniReconnectBackend;
  if (!backend) throw new Error('the reconnect back end is not running');
  return backend;
};

/** Server-side steps of the reconnect browser test: what the customer and Makini do outside the page. */

/** The customer changes their system password. */
export const rotateCredentials: BrowserCommand<[connectionKey: string]> = (
  _context,
  connectionKey,
) => reconnectBackend().sandbox.admin.rotateCredentials(connectionKey);

/** The test page's origin becomes a registered redirect URI, as a real app registers its own. */
export const registerRedirectUri: BrowserCommand<[redirectUri: string]> = (
  _context,
  redirectUri,
) => {
  reconnectBackend().sandbox.admin.addRedirectUri('sandbox_client', redirectUri);
};

/**
 * The customer signs in on the consent page: in the popup the button opened, which then closes, or
 * (`redirect`) in the app's own window, which Link then sends back to the callback page.
 */
export const completeConsent: BrowserCommand<
  [credentials: { username: string; password: string }, mode?: 'popup' | 'redirect']
> = async (context, credentials, mode = 'popup') => {
  const browserContext = (context as unknown as { context: import('playwright').BrowserContext })
    .context;
  const deadline = Date.now() + 10_000;
  let consent = browserContext.pages().find((page) => page.url().includes('/oauth/authorize'));
  while (!consent && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    consent = browserContext.pages().find((page) => page.url().includes('/oauth/authorize'));
  }
  if (!consent) throw new Error('no Link consent page opened');
  await consent.waitForLoadState();
  // A consent bound to a connection shows its username read-only.
  const username = consent.getByLabel('Username');
  if ((await username.getAttribute('readonly')) === null) await username.fill(credentials.username);
  await consent.getByLabel('Password').fill(credentials.password);
  await Promise.all([
    mode === 'popup'
      ? consent.waitForEvent('close')
      : consent.waitForURL((url) => url.pathname === '/link/callback'),
    consent.getByRole('button', { name: 'Connect' }).click(),
  ]);
};
