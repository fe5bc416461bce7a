/**
 * The demo was started with a setting it cannot use (an environment variable, a command-line
 * flag); the message says which and how to fix it. `main.ts` prints it and exits with status 1.
 */
export class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError';
}
