import { isSupportedLocale } from './formatLocale.js';

/** The forms a language may need; `other` always, the rest as `Intl.PluralRules` names them. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & {
  /** The form for every count no other form takes; `#` stands for the count. */
  other: string;
};

/**
 * Picks the plural form for `count` in `locale` and puts the formatted count in place of `#`.
 * @example plural('de', 3, { one: '# Verbindung', other: '# Verbindungen' }) // "3 Verbindungen"
 */
export function plural(requested: string, count: number, forms: PluralForms): string {
  // A refused tag would throw from render; English rules are the least surprising stand-in.
  const locale = isSupportedLocale(requested) ? requested : 'en';
  // Called once per rendered count: building the rules each time costs less than keeping them.
  const form = forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
  return form.replace('#', new Intl.NumberFormat(locale).format(count));
}
