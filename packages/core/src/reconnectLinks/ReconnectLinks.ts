import { toBase64Url } from '../oauth/base64url.js';
import { MemoryUsedLinks } from '../state/MemoryUsedLinks.js';
import type { UsedLinkStore } from '../state/UsedLinkStore.js';
import { importLinkKeys, type LinkKey, secretBytes } from './linkKeys.js';
import { decodeToken, encodePayload, randomLinkId } from './linkToken.js';
import { ReconnectLinkError } from './ReconnectLinkError.js';

/** Options of {@link ReconnectLinks}. */
export interface ReconnectLinksOptions {
  /**
   * HMAC-SHA256 keys, at least 32 bytes each (string, UTF-8, or Uint8Array). The first signs;
   * every one verifies, so a key can be rotated without breaking links already sent: add the new
   * key first, keep the old one until its last link has expired (`ttlMs`), then drop it.
   */
  secrets: readonly (string | Uint8Array)[];
  /** Remembers redeemed links so each works once. @default new MemoryUsedLinks() (one process) */
  usedLinks?: UsedLinkStore;
  /** How long a link works. @default 72 hours */
  ttlMs?: number;
  /** The clock, epoch ms. @default Date.now */
  now?: () => number;
}

/** What a genuine, unexpired, unused link says. */
export interface ReconnectLinkClaims {
  /** The link's own random id (what `usedLinks` remembers). */
  id: string;
  /** The connection key the link reconnects. */
  connectionId: string;
  /** Epoch ms after which the link is refused. */
  expiresAt: number;
}

const HOUR_MS = 3_600_000;
const MAX_TTL_MS = 366 * 24 * HOUR_MS;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
const encoder = new TextEncoder();

function checkTtl(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > MAX_TTL_MS) {
    throw new RangeError(
      `${name} must be a number of milliseconds from 1 to ${MAX_TTL_MS} (366 days), got ${String(value)}.`,
    );
  }
  return value;
}

/**
 * Signed, single-use, expiring links to your reconnect page, for a customer who is not signed in to
 * your app when their connection breaks (put one in the alert e-mail). WebCrypto only: runs in
 * Node 20+, edge runtimes and workers. A token names its connection and expiry and is signed with
 * HMAC-SHA256; it carries no Makini token and grants nothing by itself: your back end still runs
 * Link and exchanges the code, and calls `redeem` once that exchange gave tokens of the link's
 * connection, before it stores them.
 *
 * @example
 * const links = new ReconnectLinks({ secrets: [process.env.RECONNECT_LINK_SECRET!] });
 * const { url } = await links.create({ connectionId, url: 'https://app.example/reconnect' });
 * // when the page opens:  await links.verify(token)  → { connectionId, expiresAt }
 * // the exchange:         await links.verify(token, { connectionId }); exchangeCode(…); check the
 * //                       tokens' connection; await links.redeem(token, { connectionId }); store them
 * //                       (redeem throws LINK_USED the second time: then store nothing)
 */
export class ReconnectLinks {
  readonly #keys: Promise<LinkKey[]>;
  readonly #keyCount: number;
  readonly #used: UsedLinkStore;
  readonly #ttlMs: number;
  readonly #now: () => number;

  /**
   * Make one per process with the same `secrets` on every replica (and a shared `usedLinks`).
   *
   * @param options The signing secrets, where redeemed links are remembered, and how long links work.
   * @throws {TypeError} Without secrets, or for a secret shorter than 32 bytes (naming its position, never the secret).
   * @throws {RangeError} For a `ttlMs` out of range.
   */
  constructor(options: ReconnectLinksOptions) {
    const secrets = secretBytes(options?.secrets);
    this.#keyCount = secrets.length;
    this.#ttlMs = checkTtl('ReconnectLinks ttlMs', options.ttlMs ?? 72 * HOUR_MS);
    this.#now = options.now ?? (() => Date.now());
    this.#used = options.usedLinks ?? new MemoryUsedLinks({ now: this.#now });
    this.#keys = importLinkKeys(secrets);
    // Nothing awaits the import before the first call: keep an early failure from going unhandled.
    this.#keys.catch(() => {});
  }

  /** Mints a link to your `<ReconnectPage>`: `url` with `token` added to its query. */
  async create(input: {
    /** The connection key the link reconnects. */
    connectionId: string;
    /** Your reconnect page, absolute. */
    url: string | URL;
    /** How long this link works. @default the `ttlMs` option */
    ttlMs?: number;
  }): Promise<{
    /** The page's URL with `token` in its query: send it to the customer. */
    url: string;
    /** The token alone. */
    token: string;
    /** When the link stops working, epoch ms. */
    expiresAt: number;
  }> {
    if (typeof input?.connectionId !== 'string' || !input.connectionId.trim()) {
      throw new TypeError('ReconnectLinks.create: connectionId must be the connection key.');
    }
    let target: URL;
    try {
      target = new URL(input.url);
    } catch {
      throw new TypeError(
        'ReconnectLinks.create: url must be an absolute URL of your reconnect page (https://app.example/reconnect).',
      );
    }
    const ttlMs = checkTtl('ReconnectLinks.create ttlMs', input.ttlMs ?? this.#ttlMs);
    const [signer] = await this.#keys;
    if (!signer) throw new TypeError('ReconnectLinks has no key.');
    const expiresAt = Math.floor(this.#now() + ttlMs);
    const signed = encodePayload({
      v: 1,
      id: randomLinkId(),
      c: input.connectionId,
      e: expiresAt,
      k: signer.fingerprint,
    });
    const mac = await crypto.subtle.sign('HMAC', signer.key, encoder.encode(signed));
    const token = `${signed}.${toBase64Url(new Uint8Array(mac))}`;
    target.searchParams.set('token', token);
    return { url: target.toString(), token, expiresAt };
  }

  /**
   * Checks a link without using it up (opening the page; mail scanners open links too): signature,
   * connection when `expected.connectionId` is given, expiry, not yet redeemed.
   *
   * @throws {ReconnectLinkError} `LINK_INVALID`, `LINK_WRONG_CONNECTION`, `LINK_EXPIRED`, `LINK_USED`
   * @throws {StateStoreError} when `usedLinks` cannot answer
   */
  async verify(
    token: string,
    expected: { connectionId?: string } = {},
  ): Promise<ReconnectLinkClaims> {
    const claims = await this.#genuine(token, expected);
    if (await this.#used.isUsed(claims.id)) throw usedError();
    return claims;
  }

  /**
   * `verify`, then marks the link redeemed: atomic in `usedLinks`, so of two calls at once (on any
   * replicas sharing the store) exactly one resolves. Call it after the code exchange, not before:
   * `verify(token, { connectionId })` → `exchangeCode` → check the tokens are the link's
   * connection's → `redeem` → store the tokens. A code Makini refuses (or a network failure) then
   * spends nothing, and the customer can try again; when `redeem` rejects, drop the fresh tokens
   * and store nothing.
   *
   * @throws {ReconnectLinkError} as `verify`; `LINK_USED` for every call after the first
   * @throws {StateStoreError} when `usedLinks` cannot answer
   */
  async redeem(
    token: string,
    expected: { connectionId?: string } = {},
  ): Promise<ReconnectLinkClaims> {
    const claims = await this.#genuine(token, expected);
    if (!(await this.#used.markUsed(claims.id, claims.expiresAt))) throw usedError();
    return claims;
  }

  async #genuine(token: string, expected: { connectionId?: string }): Promise<ReconnectLinkClaims> {
    const decoded = decodeToken(token);
    const keys = await this.#keys;
    const signer = decoded && keys.find((key) => key.fingerprint === decoded.payload.k);
    if (
      !decoded ||
      !signer ||
      !(await crypto.subtle.verify(
        'HMAC',
        signer.key,
        decoded.signature as BufferSource,
        encoder.encode(decoded.signed),
      ))
    ) {
      throw new ReconnectLinkError(
        'LINK_INVALID',
        'This reconnect link is not valid: it is incomplete, was altered, or its key was retired. Send the customer a new link.',
      );
    }
    const { id, c: connectionId, e: expiresAt } = decoded.payload;
    if (expected?.connectionId !== undefined && expected.connectionId !== connectionId) {
      throw new ReconnectLinkError(
        'LINK_WRONG_CONNECTION',
        'This reconnect link is for another connection than the one being reconnected.',
      );
    }
    if (this.#now() >= expiresAt) {
      throw new ReconnectLinkError(
        'LINK_EXPIRED',
        `This reconnect link expired at ${new Date(expiresAt).toISOString()}. Send the customer a new link.`,
      );
    }
    return { id, connectionId, expiresAt };
  }

  /** Only how many keys there are: never a secret. */
  toJSON(): {
    /** How many secrets verify. */
    keys: number;
    /** The default lifetime of a link, in ms. */
    ttlMs: number;
  } {
    return { keys: this.#keyCount, ttlMs: this.#ttlMs };
  }

  /** Node's `util.inspect` prints the description, never a secret. */
  [INSPECT](): string {
    return `ReconnectLinks ${JSON.stringify(this.toJSON())}`;
  }
}

const usedError = () =>
  new ReconnectLinkError(
    'LINK_USED',
    'This reconnect link was used already; each link works once. Send the customer a new link if the connection still needs it.',
  );
