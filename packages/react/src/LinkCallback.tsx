import type { ExchangeAnswer } from '@makini-kit/core';
import { completeLink, type LinkCompletion, returnFromLink } from '@makini-kit/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { enCallback } from './messages/en.js';
import type { Messages } from './messages/Messages.js';
import { useTexts } from './messages/useTexts.js';

/** What `<LinkCallback>` takes. */
export interface LinkCallbackProps {
  /**
   * Redirect mode: exchange the code on your back end; the page then returns to where Link started
   * (`returnFromLink`). Resolve with what your exchange answered (`{ connectionId, health }`): a
   * `<ReconnectPage>` the redirect returns to reports the reconnect from it.
   */
  onComplete?: (
    result: Extract<LinkCompletion, { mode: 'redirect' }>,
    // biome-ignore lint/suspicious/noConfusingVoidType: a back end that answers nothing is fine.
  ) => void | ExchangeAnswer | Promise<void | ExchangeAnswer>;
  /** A callback that could not finish (a state mismatch, a cancel in redirect mode). */
  onError?: (error: unknown) => void;
  /** Shown instead of the built-in text while it finishes. */
  children?: ReactNode;
}

/**
 * Render this at your Link `redirectUri`. It finishes the popup flow (posting to the opener and
 * closing) or the redirect flow (calling `onComplete`, then returning to the page that started it).
 * Its texts are the provider's `messages.callback`.
 *
 * @example
 * // app/link/callback/page.tsx: the page at your redirectUri
 * <LinkCallback onComplete={({ code, state, connectionId }) => api.post('/link/exchange', { code, state, connectionId })} />
 */
export function LinkCallback({ onComplete, onError, children }: LinkCallbackProps) {
  const messages = useTexts('callback', enCallback);
  // Which text shows, not the text itself, so a language given later still applies.
  const [phase, setPhase] = useState<keyof Messages['callback']>('finishing');
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    let result: LinkCompletion;
    try {
      result = completeLink();
    } catch (error) {
      setPhase('failedPopup');
      onError?.(error);
      return;
    }
    if (result.mode === 'redirect') {
      const completion = result;
      Promise.resolve(onComplete?.(completion)).then(
        (answer) => returnFromLink(completion, answer || undefined),
        (error: unknown) => {
          setPhase('failedRedirect');
          onError?.(error);
        },
      );
    }
  }, [onComplete, onError]);
  return (
    <div role="status" aria-live="polite" data-makini="link-callback" dir={messages.dir}>
      {children ?? messages.texts[phase]}
    </div>
  );
}
