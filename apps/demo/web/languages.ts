import type { Messages } from '@makini-kit/react';
import { ar, de, en, es, fr, ja, nl } from '@makini-kit/react/locales';
import { useEffect, useState } from 'react';

/** The widgets' languages the demo offers, each under its own name. */
export const LANGUAGES = {
  en: { name: 'English', messages: en },
  de: { name: 'Deutsch', messages: de },
  fr: { name: 'Français', messages: fr },
  es: { name: 'Español', messages: es },
  nl: { name: 'Nederlands', messages: nl },
  ja: { name: '日本語', messages: ja },
  ar: { name: 'العربية', messages: ar },
} as const satisfies Record<string, { name: string; messages: Messages }>;

export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'acme-demo-language';

const isLanguage = (value: string | null): value is Language =>
  value !== null && Object.hasOwn(LANGUAGES, value);

/** The language chosen last (kept in this browser, so the reconnect page opens in it too). */
function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : 'en';
  } catch {
    return 'en';
  }
}

/**
 * The language of the widgets, with `lang` and `dir` set on the document so that the whole page
 * reads from the right in Arabic.
 */
export function useLanguage(): [Language, (language: Language) => void] {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  useEffect(() => {
    const { messages } = LANGUAGES[language];
    document.documentElement.lang = messages.locale;
    document.documentElement.dir = messages.dir;
  }, [language]);
  const choose = (next: Language) => {
    setLanguage(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage: the choice then lasts until the page is left.
    }
  };
  return [language, choose];
}
