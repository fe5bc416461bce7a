const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/**
 * "5 minutes ago" in `locale`, through `Intl.RelativeTimeFormat`, so the language files hold no
 * time words; "now" under ten seconds. Widgets pass their `locale` prop, else `messages.locale`.
 * @example formatRelativeTime(Date.now() - 2 * 3_600_000, Date.now(), 'de') // "vor 2 Stunden"
 */
export function formatRelativeTime(at: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const difference = at - now;
  if (Math.abs(difference) < 10_000) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(difference) >= size || unit === 'second')
      return format.format(Math.round(difference / size), unit);
  }
  return format.format(0, 'second');
}
