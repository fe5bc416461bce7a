'use client';

import { LinkCallback } from '@makini-kit/react';
import { exchangeOnServer } from '../../ConnectionRow';

/**
 * Link's `redirectUri`. In a popup it hands the code to the page that opened it and closes; after
 * a full-page redirect (a blocked popup) it exchanges the code here and returns to that page.
 */
export default function LinkCallbackPage() {
  return (
    <main>
      <LinkCallback
        onComplete={async ({ code, state, connectionId }) => {
          await exchangeOnServer(code, state, connectionId);
        }}
      />
    </main>
  );
}
