// Plain JavaScript: Vitest config files import it through Node, which does not load TypeScript.

/**
 * Debian's Chromium, launched the way this machine's closed network needs: without the background
 * calls (updates, sync, QUIC) that it would otherwise fire at every start. No test downloads a browser.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumLaunchOptions = () => ({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
