// What the blocks of packages/redis/README.md take as given. Never a name the packages export: a
// block imports those, so that their real types are checked.

/** The connection a client calls, and how it gets that connection's token. */
declare const connectionKey: string;
declare function getToken(): Promise<string>;
/** Made as in the README's first block: the client, its connection, the token store, the monitor. */
declare const redis: import('ioredis').Redis;
declare const connection: import('@makini-kit/redis').RedisConnection;
declare const tokens: import('@makini-kit/redis').RedisTokenStore;
declare const monitor: import('@makini-kit/core').ConnectionHealthMonitor;
/** The replica's HTTP server. */
declare const server: import('node:http').Server;
/** Each connection's pair, from where a single-process deployment kept it (its `onTokens`). */
declare function loadOldTokens(): Promise<
  Array<{ connectionKey: string; pair: import('@makini-kit/core').TokenSet }>
>;
