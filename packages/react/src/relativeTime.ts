const DAY = 86_400_000;
type Unit = [Intl.RelativeTimeFormatUnit, number];
/** From the largest unit down; seconds take whatever is left. */
const UNITS: Unit[] = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', 3_600_000],
  ['minute', 60_000],
];
const SECOND: Unit = ['second', 1000];

/**
 * "5 minutes ago" in `locale`, through `Intl.RelativeTimeFormat`, so the language files hold no
 * time words; "now" under ten seconds, and for any time at or after `now` (a clock a little behind the
 * server's would otherwise read "in 20 seconds"). Widgets pass their `locale` prop, else `messages.locale`.
 * @example formatRelativeTime(Date.now() - 2 * 3_600_000, Date.now(), 'de') // "vor 2 Stunden"
 */
export function formatRelativeTime(at: number, now: number, locale?: string): string {
  const difference = at - now > -10_000 ? 0 : at - now;
  const [unit, size] = UNITS.find(([, length]) => Math.abs(difference) >= length) ?? SECOND;
  return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(
    Math.round(difference / size),
    unit,
  );
}
