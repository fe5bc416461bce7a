import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every 30 s while `enabled`, so a relative time ("Last synced 5
 * minutes ago") stays true without the health source changing.
 */
export function useNow(enabled: boolean): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, [enabled]);
  return now;
}
