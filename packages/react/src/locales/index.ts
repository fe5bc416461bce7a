/**
 * The widgets' languages. Import the ones you need and give one to `MakiniProvider`'s `messages`;
 * a bundler keeps only those. English is also the built-in default.
 *
 * @example
 * import { de } from '@makini-kit/react/locales';
 * <MakiniProvider messages={de}>…</MakiniProvider>
 *
 * @module locales
 */
export { ar } from '../messages/ar.js';
export { de } from '../messages/de.js';
export { en } from '../messages/en.js';
export { es } from '../messages/es.js';
export { fr } from '../messages/fr.js';
export { ja } from '../messages/ja.js';
export type { Messages } from '../messages/Messages.js';
export { nl } from '../messages/nl.js';
export { type PluralForms, plural } from '../messages/plural.js';
