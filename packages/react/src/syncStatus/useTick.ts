import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs` while `enabled`, so a relative time ("Updated 5
 * minutes ago") stays true without the health source changing.
 */
export function useTick(enabled: boolean, everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [enabled, everyMs]);
  return now;
}
