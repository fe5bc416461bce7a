import { LinkCallback } from '@makini-kit/react';

/** The Link redirect URI: hands the popup's result to the opener, or finishes a redirect. */
export function LinkCallbackPage() {
  return (
    <main className="callback">
      <LinkCallback
        onComplete={async ({ code, connectionId }) => {
          await fetch('/api/link/exchange', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ code, connectionId }),
          });
        }}
      />
    </main>
  );
}
