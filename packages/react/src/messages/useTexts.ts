import { useMakiniContext } from '../MakiniProvider.js';
import type { Messages } from './Messages.js';

/** The parts of `Messages` that hold one widget's texts. */
type Section = Exclude<keyof Messages, 'locale' | 'dir'>;

/**
 * One section of the provider's messages, with its language's locale and direction; `english`
 * when the provider has none. A widget passes the English section it needs, so a page carries only
 * the English texts of the widgets it renders (`useMessages` would pull in all of them).
 */
export function useTexts<K extends Section>(section: K, english: Messages[K]) {
  const messages = useMakiniContext().messages;
  return {
    texts: messages ? messages[section] : english,
    locale: messages ? messages.locale : 'en',
    dir: messages ? messages.dir : ('ltr' as const),
  };
}
