// What the blocks of packages/webhook-node/README.md take as given. Never a name the packages
// export: a block imports those, so that their real types are checked.

/** The handler of the first block, which later blocks mount. */
declare const webhooks: import('@makini-kit/webhook-node').WebhookHandler;
/** The endpoint secret, and the raw body and request at hand. */
declare const secret: string;
declare const endpointSecret: string;
declare const data: unknown;
declare const rawBody: Uint8Array;
declare const request: Request;
declare const log: {
  info(message: string, ...data: unknown[]): void;
  warn(message: string, ...data: unknown[]): void;
};
/** The reader's own code. */
declare function alertCustomer(connectionId: string, reason: string): Promise<void>;
declare function markHealthy(connectionId: string): Promise<void>;
declare function refresh(connectionId: string): Promise<void>;
declare function handle(event: import('@makini-kit/core').WebhookEvent): Promise<void>;
