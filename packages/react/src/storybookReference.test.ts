// @vitest-environment node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumLaunchOptions } from '@makini-kit/test-utils';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storybookWithReference } from '../test/referenceSite.js';
import { serveStatic } from '../test/staticServer.js';

let dir: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

beforeAll(async () => {
  dir = await storybookWithReference();
  site = await serveStatic(dir);
  browser = await chromium.launch(chromiumLaunchOptions());
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

// Each component's docs page, by its Storybook id, and the component it documents.
const DOCS_PAGES = [
  ['connectionstatus--docs', 'ConnectionStatus'],
  ['reconnectbutton--docs', 'ReconnectButton'],
  ['reconnectbutton-outcomes--docs', 'ReconnectButton'],
  ['connectionlist--docs', 'ConnectionList'],
  ['syncstatus--docs', 'SyncStatus'],
  ['reconnectpage--docs', 'ReconnectPage'],
] as const;

describe('the static Storybook build and the API reference', () => {
  it('serves the reference under /api', async () => {
    expect(existsSync(join(dir, 'api/index.html'))).toBe(true);
    const home = await fetch(`${site.url}/api/index.html`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Makini Connect Kit');
  });

  it.each(DOCS_PAGES)(
    "links the docs page %s to %s's reference page",
    async (id, name) => {
      const page = await browser.newPage();
      try {
        await page.goto(`${site.url}/iframe.html?viewMode=docs&id=${id}`);
        const link = page.getByRole('link', { name: 'API reference' });
        // A docs page renders every story of its component first: slow on a busy machine.
        await link.waitFor({ timeout: 100_000 });
        const href = new URL((await link.getAttribute('href')) ?? '', page.url());
        expect(href.pathname).toBe(`/api/_makini-kit/react/${name}.html`);
        const reference = await fetch(href);
        expect(reference.status).toBe(200);
        expect(await reference.text()).toContain(`<title>${name} | `);
      } finally {
        await page.close();
      }
    },
    120_000,
  );
});
