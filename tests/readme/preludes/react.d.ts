// What the blocks of packages/react/README.md take as given. Never a name the packages export: a
// block imports those, so that their real types are checked.

/** The first block's function, which the callback page's block imports from the reader's module. */
declare function exchangeOnServer(
  code: string,
  state: string,
  connectionId?: string,
): Promise<void>;

/** The back end of the reconnect-link blocks: its health monitor, token store and system names. */
declare const monitor: import('@makini-kit/core').ConnectionHealthMonitor;
declare const tokenStore: import('@makini-kit/core').TokenStore;
declare function systemNameOf(connectionId: string): Promise<string>;
