import { describe, expect, it } from 'vitest';
import { de } from './de.js';
import { en } from './en.js';
import type { Messages } from './Messages.js';
import { outcomeText } from './outcomeText.js';

describe('outcomeText', () => {
  it('tells a confirmation that ran out apart from a sign-in that did', () => {
    const signIn = outcomeText({ type: 'timed_out', phase: 'sign_in' }, en);
    const confirmation = outcomeText({ type: 'timed_out', phase: 'confirmation' }, en);
    expect(signIn).toBe(en.outcomes.timed_out);
    expect(confirmation).toBe(en.outcomes.not_confirmed);
    expect(confirmation).not.toBe(signIn);
  });

  it('speaks the language it is given', () => {
    expect(outcomeText({ type: 'timed_out', phase: 'confirmation' }, de)).toBe(
      de.outcomes.not_confirmed,
    );
    expect(outcomeText({ type: 'cancelled', connectionId: 'c1', reason: 'closed' }, de)).toBe(
      de.outcomes.cancelled,
    );
  });

  it('falls back to timed_out for a language of the reader’s own without not_confirmed', () => {
    const { not_confirmed: _left, ...outcomes } = en.outcomes;
    const own: Messages = { ...en, outcomes };
    expect(outcomeText({ type: 'timed_out', phase: 'confirmation' }, own)).toBe(
      en.outcomes.timed_out,
    );
  });

  it('ends a failure with its request id as a reference, and only then', () => {
    const failed = { type: 'failed', error: new Error('x'), code: 'SERVER_ERROR' } as const;
    expect(outcomeText({ ...failed, requestId: 'req_42' }, en)).toBe(
      `${en.outcomes.failed} ${en.outcomes.reference('req_42')}`,
    );
    expect(outcomeText(failed, en)).toBe(en.outcomes.failed);
  });
});
