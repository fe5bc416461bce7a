import { type ReactNode, useEffect, useRef, useState } from 'react';
import { completeLink, type LinkCompletion } from './completeLink.js';

export interface LinkCallbackProps {
  /** Redirect mode: exchange the code on your back end; the page then returns to where Link started. */
  onComplete?: (result: Extract<LinkCompletion, { mode: 'redirect' }>) => void | Promise<void>;
  onError?: (error: unknown) => void;
  children?: ReactNode;
}

/**
 * Render this at your Link `redirectUri`. It finishes the popup flow (posting to the opener and
 * closing) or the redirect flow (calling `onComplete`, then returning to the page that started it).
 */
export function LinkCallback({ onComplete, onError, children }: LinkCallbackProps) {
  const [message, setMessage] = useState('Finishing the connection…');
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    let result: LinkCompletion;
    try {
      result = completeLink();
    } catch (error) {
      setMessage('The connection could not be completed. Close this window and try again.');
      onError?.(error);
      return;
    }
    if (result.mode === 'redirect') {
      Promise.resolve(onComplete?.(result)).then(
        () => window.location.replace(result.returnTo),
        (error: unknown) => {
          setMessage('The connection could not be completed. Go back and try again.');
          onError?.(error);
        },
      );
    }
  }, [onComplete, onError]);
  return (
    <div role="status" aria-live="polite" data-makini="link-callback">
      {children ?? message}
    </div>
  );
}
