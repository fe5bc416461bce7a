import { useMakiniContext } from '../MakiniProvider.js';

/**
 * The writing direction of the language the provider was given, for a widget's `dir`. Without
 * `messages` it is undefined, so the widget follows the page's own direction as it always did.
 */
export function useDir(): 'ltr' | 'rtl' | undefined {
  return useMakiniContext().messages?.dir;
}
