// What the blocks of packages/core/README.md take as given: the reader's own values and functions.
// Never a name the packages export: a block imports those, so that their real types are checked.

/** A response body the reader fetched. */
declare const json: unknown;
/** Values the reader has at hand. */
declare const token: string;
declare const key: string;
declare const connectionKey: string;
declare const signal: AbortSignal;
declare const clientId: string;
declare const clientSecret: string;
declare const redirectUri: string;
declare const stored: string;
declare const sessionToken: string;
declare const client: import('@makini-kit/core').MakiniClient;
/** The Link callback's request, in a fetch-style server. */
declare const request: Request;
declare const session: { linkState: string };
declare const store: { save(tokens: import('@makini-kit/core').TokenSet): Promise<void> };
declare const log: { debug(...data: unknown[]): void };
/** The reader's own code. */
declare function handle(order: import('@makini-kit/core').PurchaseOrder): void;
declare function showReconnect(connectionKey: string): void;
declare function retryLater(waitMs: number | undefined): void;
declare function emailCustomer(alert: import('@makini-kit/core').HealthAlert): void;
