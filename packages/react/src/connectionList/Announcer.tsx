import { useCallback, useState } from 'react';
import { visuallyHidden } from './visuallyHidden.js';

/**
 * A polite live region that is in the page before anything is said into it (screen readers ignore
 * regions that appear together with their text), and a function to say something. Each message gets
 * a new node, so the same sentence twice is announced twice.
 */
export function useAnnouncer() {
  const [said, setSaid] = useState<{ text: string; serial: number }>({ text: '', serial: 0 });
  const announce = useCallback(
    (text: string) => setSaid((previous) => ({ text, serial: previous.serial + 1 })),
    [],
  );
  const region = (
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-part="announcer"
      style={visuallyHidden}
    >
      {said.text ? <span key={said.serial}>{said.text}</span> : null}
    </div>
  );
  return { announce, region, said: said.text };
}
