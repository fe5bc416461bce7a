/** Query parameters whose values are secrets and never appear in a log line or an error. */
const SECRET_PARAMS =
  /([?&](?:code|token|access_token|refresh_token|client_secret|state|password)=)[^&#]*/gi;

/** A path with secret query values replaced by `[redacted]`. */
export function redactPath(path: string): string {
  return path.replace(SECRET_PARAMS, '$1[redacted]');
}

/** Replaces every occurrence of the given secrets in a text. */
export function redactText(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) result = result.split(secret).join('[redacted]');
  }
  return result;
}
