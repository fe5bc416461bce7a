/** A webhook endpoint's options that cannot sign anything a receiver could verify. */
export class WebhookEndpointError extends TypeError {
  override readonly name = 'WebhookEndpointError';

  constructor(
    /** The option at fault, as the admin API names it. */
    readonly field: 'url' | 'secret' | 'scheme',
    /** What is wrong with it and what would be right, after the field's name. */
    readonly problem: string,
  ) {
    super(`${field} ${problem}.`);
  }
}

/** True when `text` is base64 that `Buffer` decodes to at least one byte and encodes back to. */
function isCanonicalBase64(text: string): boolean {
  const bytes = Buffer.from(text, 'base64');
  return (
    bytes.length > 0 && bytes.toString('base64').replace(/=+$/, '') === text.replace(/=+$/, '')
  );
}

/**
 * The endpoint's secrets as a list, refused when a receiver could never verify them: a Standard
 * Webhooks secret is base64 (after an optional `whsec_`), and `Buffer` would otherwise sign with
 * whatever bytes it salvaged from anything else.
 *
 * @throws {WebhookEndpointError} naming `secret` or `scheme`, saying what a valid value is
 */
export function checkEndpointSecrets(
  secret: unknown,
  scheme: unknown,
): { secrets: string[]; scheme: 'standard' | 'legacy' } | undefined {
  if (scheme !== undefined && scheme !== 'standard' && scheme !== 'legacy') {
    throw new WebhookEndpointError('scheme', 'must be "standard" or "legacy"');
  }
  if (secret === undefined) return undefined;
  const secrets = Array.isArray(secret) ? secret : [secret];
  if (secrets.length === 0 || secrets.some((each) => typeof each !== 'string' || each === '')) {
    throw new WebhookEndpointError(
      'secret',
      'must be a non-empty string, or a non-empty array of them while rotating',
    );
  }
  const resolved = scheme ?? 'standard';
  if (resolved === 'standard') {
    for (const each of secrets as string[]) {
      if (!isCanonicalBase64(each.startsWith('whsec_') ? each.slice(6) : each)) {
        throw new WebhookEndpointError(
          'secret',
          'must be base64 in the standard scheme, with or without "whsec_" (e.g. "whsec_" and 32 random bytes in base64); leave it out for a generated one',
        );
      }
    }
  }
  return { secrets: secrets as string[], scheme: resolved };
}
