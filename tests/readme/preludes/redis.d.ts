// What the blocks of packages/redis/README.md take as given. Never a name the packages export: a
// block imports those, so that their real types are checked.

/** The connection a client calls, and how it gets that connection's token. */
declare const connectionKey: string;
declare function getToken(): Promise<string>;
