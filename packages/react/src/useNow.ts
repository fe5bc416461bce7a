import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every 30 s while `enabled`, so a relative time ("Last synced 5
 * minutes ago") stays true without the health source changing; refreshed at once when `since`
 * (the time shown) changes, so a sync that just happened is not measured against an old clock.
 */
export function useNow(enabled: boolean, since?: number): number {
  const [now, setNow] = useState(Date.now);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new `since` is what must re-read the clock
  useEffect(() => {
    if (!enabled) return;
    const tick = () => setNow(Date.now());
    tick();
    const timer = setInterval(tick, 30_000);
    return () => clearInterval(timer);
  }, [enabled, since]);
  return now;
}
