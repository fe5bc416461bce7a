import { type LinkSettings, MakiniProvider, ReconnectPage } from '@makini-kit/react';
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { exchangeWithLink, verifyLink } from '../exchange.js';
import { health } from '../health.js';
import { LanguageSwitcher } from '../LanguageSwitcher.js';
import { LANGUAGES, useLanguage } from '../languages.js';

/**
 * `/reconnect?token=…`, the page the alert e-mail's link opens, for a customer who is not signed in
 * to the app: `<ReconnectPage>` checks the link with the back end, runs Link bound to the link's
 * connection, and says how it ended. The token is all it needs; a refused link says why.
 */
export function ReconnectLinkPage() {
  const [language, setLanguage] = useLanguage();
  const [link, setLink] = useState<LinkSettings>();
  useEffect(() => {
    void api<LinkSettings>('/api/link/settings').then(setLink);
  }, []);
  return (
    <MakiniProvider
      health={health}
      messages={LANGUAGES[language].messages}
      {...(link ? { link } : {})}
    >
      <header className="top">
        <strong className="brand">Acme Procurement</strong>
        <LanguageSwitcher language={language} onChange={setLanguage} />
      </header>
      <main className="reconnect-page">
        {link ? (
          <ReconnectPage verify={verifyLink} exchange={exchangeWithLink} />
        ) : (
          <p role="status">…</p>
        )}
      </main>
    </MakiniProvider>
  );
}
