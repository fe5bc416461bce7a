/**
 * What the Link pages use of `window`, named here so that the declarations of core need no DOM
 * library (a Node project type-checks them too). A browser's `window` is one; a test may pass a
 * stand-in.
 */
export interface LinkWindow {
  readonly location: {
    readonly search: string;
    readonly origin: string;
    replace(url: string): void;
  };
  readonly sessionStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  };
  /** The window that opened this one, if any (`window.opener`). */
  readonly opener: unknown;
  close(): void;
}
