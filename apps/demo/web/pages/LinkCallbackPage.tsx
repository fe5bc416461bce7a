import { LinkCallback, type LinkCompletion, returnFromLink } from '@makini-kit/react';
import { useState } from 'react';
import { ApiRequestError } from '../api.js';
import { exchangeCode, exchangeWithLink } from '../exchange.js';

type Redirected = Extract<LinkCompletion, { mode: 'redirect' }>;

interface Failure {
  completion: Redirected;
  message: string;
  requestId?: string | undefined;
}

// A reconnect that began on the reconnect page redeems its link, as the page's own exchange does.
const exchange = ({ code, connectionId, token }: Redirected) =>
  token && connectionId
    ? exchangeWithLink({ code, connectionId, token })
    : exchangeCode({ code, connectionId });

const failureOf = (completion: Redirected, error: unknown): Failure =>
  error instanceof ApiRequestError
    ? { completion, message: error.message, requestId: error.requestId }
    : { completion, message: 'The demo back end could not be reached.' };

/**
 * The Link redirect URI: hands the popup's result to the opener, or finishes a redirect by
 * exchanging the code. A failed exchange stays here, says why, and offers a retry: the code is still
 * good when Makini failed before using it.
 */
export function LinkCallbackPage() {
  const [failure, setFailure] = useState<Failure>();
  const [retrying, setRetrying] = useState(false);

  if (failure) {
    const retry = async () => {
      setRetrying(true);
      try {
        returnFromLink(failure.completion, await exchange(failure.completion));
      } catch (error) {
        setFailure(failureOf(failure.completion, error));
        setRetrying(false);
      }
    };
    return (
      <main className="callback">
        <div>
          <div role="alert" className="banner" data-state="error">
            <p>The connection could not be completed: {failure.message}</p>
            {failure.requestId ? (
              <p>
                Request id <code>{failure.requestId}</code>
              </p>
            ) : null}
          </div>
          <div className="actions">
            <button type="button" onClick={retry} disabled={retrying} aria-busy={retrying}>
              Retry
            </button>
            <a href={failure.completion.returnTo}>Back without connecting</a>
          </div>
        </div>
      </main>
    );
  }
  return (
    <main className="callback">
      <LinkCallback
        onComplete={async (completion) => {
          try {
            return await exchange(completion);
          } catch (error) {
            setFailure(failureOf(completion, error));
            // Rejecting keeps LinkCallback from returning to the app as if connected.
            throw error;
          }
        }}
      />
    </main>
  );
}
