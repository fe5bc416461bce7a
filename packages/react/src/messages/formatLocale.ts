/** True when `Intl` takes `locale` (a BCP 47 tag such as `de` or `pt-BR`). */
export function isSupportedLocale(locale: string | undefined): locale is string {
  if (!locale) return false;
  try {
    return Intl.getCanonicalLocales(locale).length > 0;
  } catch {
    return false;
  }
}

const warned = new Set<string>();

/**
 * The locale the widgets format times and numbers with: `locale` (a widget's prop), else the
 * messages' locale, else `en`, skipping any that `Intl` refuses, so a typo in a prop cannot throw
 * from render. Warns once per refused value outside production, naming `prop`.
 * @example formatLocale('xx_YY!', 'de', 'ConnectionStatus `locale`') // "de", with one warning
 */
export function formatLocale(
  locale: string | undefined,
  messagesLocale: string,
  prop: string,
): string {
  if (locale !== undefined) {
    if (isSupportedLocale(locale)) return locale;
    warnOnce(`${prop}: ${JSON.stringify(locale)}`);
  }
  if (isSupportedLocale(messagesLocale)) return messagesLocale;
  warnOnce(`messages.locale: ${JSON.stringify(messagesLocale)}`);
  return 'en';
}

function warnOnce(what: string): void {
  // Bundlers replace `process.env.NODE_ENV`; without one (a plain browser) it is development.
  const env = typeof process === 'undefined' ? undefined : process.env?.NODE_ENV;
  if (env === 'production' || warned.has(what)) return;
  warned.add(what);
  console.warn(`@makini-kit/react: ${what} is no BCP 47 tag (e.g. "pt-BR"); using a fallback.`);
}
