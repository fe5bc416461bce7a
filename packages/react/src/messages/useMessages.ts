import { useMakiniContext } from '../MakiniProvider.js';
import { en } from './en.js';
import type { Messages } from './Messages.js';

/**
 * The provider's messages, English by default: for a widget of your own in the kit's language.
 *
 * @example
 * const messages = useMessages();
 * return <p dir={messages.dir}>{messages.status.states[health.state]}</p>;
 */
export function useMessages(): Messages {
  return useMakiniContext().messages ?? en;
}
