/** What an HTTP Basic `Authorization` header carries, or why it cannot be read. */
export type BasicCredentials = { id: string; secret: string } | { problem: string };

/**
 * Reads `client_id:client_secret` from an HTTP Basic header (RFC 6749 §2.3.1). Only the first colon
 * separates the two, so a secret may contain colons; each part is percent-decoded, as the RFC asks
 * clients to encode them. Answers `undefined` when the header is not Basic at all.
 */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!basic?.[1]) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return { problem: 'The Basic credentials must be client_id:client_secret, base64-encoded.' };
  }
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return {
      problem:
        'The Basic credentials are not validly percent-encoded: encode "%" in the client_id or secret as "%25".',
    };
  }
}
