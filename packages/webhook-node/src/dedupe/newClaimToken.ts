/**
 * A claim's owner: random, so that no other delivery, instance or process can hold the same one.
 * WebCrypto's `randomUUID` is global in Node 20+, edge runtimes and browsers.
 */
export const newClaimToken = (): string => crypto.randomUUID();
