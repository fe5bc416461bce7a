/**
 * The widgets' languages. Import the ones you need and give one to `MakiniProvider`'s `messages`;
 * a bundler keeps only those. English is also the built-in default.
 */
export { en } from '../messages/en.js';
export type { Messages } from '../messages/Messages.js';
