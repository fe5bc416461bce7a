import { ReconnectPage } from '@makini-kit/react';
import { DemoProvider } from '../DemoProvider.js';
import { exchangeWithLink, verifyLink } from '../exchange.js';
import { LanguageSwitcher } from '../LanguageSwitcher.js';
import { useLanguage } from '../languages.js';
import { useLinkSettings } from '../useLinkSettings.js';

/**
 * `/reconnect?token=…`, the page the alert e-mail's link opens, for a customer who is not signed in
 * to the app: `<ReconnectPage>` checks the link with the back end, runs Link bound to the link's
 * connection, and says how it ended. The token is all it needs; a refused link says why.
 */
export function ReconnectLinkPage() {
  const [language, setLanguage] = useLanguage();
  const link = useLinkSettings();
  return (
    <DemoProvider language={language} link={link}>
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
    </DemoProvider>
  );
}
