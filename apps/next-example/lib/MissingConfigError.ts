/**
 * The server was started outside development without variables it cannot run safely without
 * (a webhook secret, a client secret): the sandbox defaults are public, so using them in a
 * deployment would accept anyone's webhooks. `variables` names each one to set.
 *
 * @example
 * try {
 *   makiniConfig();
 * } catch (error) {
 *   if (error instanceof MissingConfigError) console.error(`Set ${error.variables.join(', ')}`);
 *   throw error;
 * }
 */
export class MissingConfigError extends Error {
  readonly code = 'MISSING_CONFIG' as const;

  constructor(readonly variables: readonly string[]) {
    super(
      `Set ${variables.join(', ')} in the environment: outside development (NODE_ENV=development, ` +
        '`next dev`) the example has no defaults, since the local sandbox ones are public.',
    );
    this.name = 'MissingConfigError';
  }
}
