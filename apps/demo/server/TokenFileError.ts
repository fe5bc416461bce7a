import { DemoConfigError } from './DemoConfigError.js';

/**
 * The demo's token file cannot be used as it is (plaintext tokens beside sealed ones, an entry that
 * is no token set); the message names the file and the entry, never a token. A `DemoConfigError`,
 * so `main.ts` prints it and exits with status 1.
 */
export class TokenFileError extends DemoConfigError {}
