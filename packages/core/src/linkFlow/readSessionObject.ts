import type { LinkWindow } from './LinkWindow.js';

/** An object this tab saved under `key`; anything else (nothing, bad JSON) is none. */
export function readSessionObject(
  win: Pick<LinkWindow, 'sessionStorage'>,
  key: string,
): object | undefined {
  try {
    const value = JSON.parse(win.sessionStorage.getItem(key) ?? 'null') as unknown;
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
