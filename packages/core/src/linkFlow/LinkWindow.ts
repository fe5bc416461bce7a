/**
 * What the Link pages use of `window`, named here so that the declarations of core need no DOM
 * library (a Node project type-checks them too). A browser's `window` is one; a test may pass a
 * stand-in.
 */
export interface LinkWindow {
  /** The page's address. */
  readonly location: {
    /** The query string (`?code=…&state=…`). */
    readonly search: string;
    /** The page's origin, to which the callback is posted. */
    readonly origin: string;
    /** Goes to `url` without leaving this page in the history. */
    replace(url: string): void;
  };
  /** This tab's storage, where a redirect keeps its pending `state`. */
  readonly sessionStorage: {
    /** The value saved under `key`, or `null`. */
    getItem(key: string): string | null;
    /** Saves `value` under `key`. */
    setItem(key: string, value: string): void;
    /** Forgets `key`. */
    removeItem(key: string): void;
  };
  /** The window that opened this one, if any (`window.opener`). */
  readonly opener: unknown;
  /** Closes this window (a popup). */
  close(): void;
}
