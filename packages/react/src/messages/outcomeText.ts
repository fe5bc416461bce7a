import type { LinkFlowOutcome } from '@makini-kit/core';
import type { Messages } from './Messages.js';

/**
 * What to tell the customer about a reconnect's (or a new connection's) outcome, in `messages`'
 * language: a confirmation that ran out after the sign-in worked says so instead of "sign-in took
 * too long", and a failure with a request id ends with it as a reference for support.
 *
 * @example
 * const messages = useMessages();
 * <ReconnectButton connectionId={id} onResult={(outcome) => toast(outcomeText(outcome, messages))} />
 */
export function outcomeText(outcome: LinkFlowOutcome, messages: Messages): string {
  const texts = messages.outcomes;
  if (outcome.type === 'timed_out' && outcome.phase === 'confirmation')
    return texts.not_confirmed ?? texts.timed_out;
  if (outcome.type === 'failed' && outcome.requestId)
    return `${texts.failed} ${texts.reference(outcome.requestId)}`;
  return texts[outcome.type];
}
