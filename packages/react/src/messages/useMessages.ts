import { useMakiniContext } from '../MakiniProvider.js';
import { en } from './en.js';
import type { Messages } from './Messages.js';

/** The provider's messages, English by default. */
export function useMessages(): Messages {
  return useMakiniContext().messages ?? en;
}
