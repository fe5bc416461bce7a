import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relativeTime.js';

const NOW = Date.UTC(2025, 4, 1, 12);
const HOUR = 3_600_000;

describe('formatRelativeTime', () => {
  it.each([
    ['en', 2 * HOUR, '2 hours ago'],
    ['de', 2 * HOUR, 'vor 2 Stunden'],
    ['fr', 5 * 60_000, 'il y a 5 minutes'],
    ['es', 3 * 86_400_000, 'hace 3 días'],
    ['nl', 24 * HOUR, 'gisteren'],
    ['ja', 2 * HOUR, '2 時間前'],
  ])('speaks %s', (locale, ago, text) => {
    expect(formatRelativeTime(NOW - ago, NOW, locale)).toBe(text);
  });

  it("uses Arabic's own plural forms and digits", () => {
    const hours = new Intl.RelativeTimeFormat('ar', { numeric: 'auto' });
    expect(formatRelativeTime(NOW - 2 * HOUR, NOW, 'ar')).toBe(hours.format(-2, 'hour'));
    expect(formatRelativeTime(NOW - 11 * HOUR, NOW, 'ar')).toBe(hours.format(-11, 'hour'));
    expect(hours.format(-2, 'hour')).not.toBe(hours.format(-11, 'hour').replace(/11|١١/, '2'));
  });

  it('says now under ten seconds, and picks the largest whole unit', () => {
    expect(formatRelativeTime(NOW - 4000, NOW, 'en')).toBe('now');
    expect(formatRelativeTime(NOW - 100 * 60_000, NOW, 'en')).toBe('2 hours ago');
    expect(formatRelativeTime(NOW - 400 * 86_400_000, NOW, 'en')).toBe('last year');
  });

  it('says now for any time at or after now, never "in 20 seconds"', () => {
    expect(formatRelativeTime(NOW, NOW, 'en')).toBe('now');
    expect(formatRelativeTime(NOW + 20_000, NOW, 'en')).toBe('now');
    expect(formatRelativeTime(NOW + 2 * HOUR, NOW, 'de')).toBe(
      new Intl.RelativeTimeFormat('de', { numeric: 'auto' }).format(0, 'second'),
    );
  });
});
