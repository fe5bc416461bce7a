import { useId } from 'react';
import { LANGUAGES, type Language } from './languages.js';

/** Picks the widgets' language; each is named in itself. */
export function LanguageSwitcher({
  language,
  onChange,
}: {
  language: Language;
  onChange: (language: Language) => void;
}) {
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id}>Language</label>
      <select
        id={id}
        value={language}
        onChange={(event) => onChange(event.currentTarget.value as Language)}
      >
        {Object.entries(LANGUAGES).map(([code, { name, messages }]) => (
          <option key={code} value={code} lang={messages.locale}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
