import type { BrowserContext, Page } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

/** What the customer does to the Link window outside the page, for the reconnect-outcome tests. */

const contextOf = (context: unknown) => (context as { context: BrowserContext }).context;

async function consentPage(context: unknown): Promise<Page> {
  const browserContext = contextOf(context);
  const find = () => browserContext.pages().find((page) => page.url().includes('/oauth/authorize'));
  const deadline = Date.now() + 10_000;
  let consent = find();
  while (!consent && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    consent = find();
  }
  if (!consent) throw new Error('no Link consent page opened');
  await consent.waitForLoadState();
  return consent;
}

/** How many windows the browser has open: the test page's, plus any Link popup. */
export const openPages: BrowserCommand<[]> = (context) =>
  contextOf(context)
    .pages()
    .filter((page) => !page.isClosed()).length;

/** The customer closes the Link window. */
export const closeConsent: BrowserCommand<[]> = async (context) => {
  await (await consentPage(context)).close();
};

/** The customer presses Cancel on the consent page, which sends them back with access_denied. */
export const cancelConsent: BrowserCommand<[]> = async (context) => {
  const consent = await consentPage(context);
  await Promise.all([
    consent.waitForEvent('close'),
    consent.getByRole('button', { name: 'Cancel' }).click(),
  ]);
};

/** The query of the open consent page's URL (what the page asked Link for). */
export const consentQuery: BrowserCommand<[]> = async (context) =>
  Object.fromEntries(new URL((await consentPage(context)).url()).searchParams);
