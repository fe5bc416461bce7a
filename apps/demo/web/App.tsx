import { useCallback, useEffect, useState } from 'react';
import { AlertBanner } from './AlertBanner.js';
import { api, type DemoConnection } from './api.js';
import { DemoProvider } from './DemoProvider.js';
import { LanguageSwitcher } from './LanguageSwitcher.js';
import { useLanguage } from './languages.js';
import { ConnectionsPage } from './pages/ConnectionsPage.js';
import { DeveloperPage } from './pages/DeveloperPage.js';
import { PurchaseOrdersPage } from './pages/PurchaseOrdersPage.js';
import { useLinkSettings } from './useLinkSettings.js';

const PAGES = ['connections', 'purchase-orders', 'developer'] as const;
type PageName = (typeof PAGES)[number];
const TITLES: Record<PageName, string> = {
  connections: 'Connections',
  'purchase-orders': 'Purchase orders',
  developer: 'Developer',
};

const readPage = () =>
  (PAGES.find((page) => `#${page}` === window.location.hash) ?? 'connections') as PageName;

function usePage(): PageName {
  const [page, setPage] = useState(readPage);
  useEffect(() => {
    const onChange = () => setPage(readPage());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return page;
}

export function App() {
  const page = usePage();
  const [language, setLanguage] = useLanguage();
  const link = useLinkSettings();
  // `undefined` while the first list loads: the connection list shows its loading state.
  const [connections, setConnections] = useState<DemoConnection[]>();
  const [error, setError] = useState<unknown>();
  const reload = useCallback(
    () =>
      api<{ data: DemoConnection[] }>('/api/connections').then(
        (body) => {
          setError(undefined);
          setConnections(body.data);
        },
        (failure: unknown) => setError(failure),
      ),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  const known = connections ?? [];

  return (
    <DemoProvider language={language} link={link}>
      <header className="top">
        <strong className="brand">Acme Procurement</strong>
        <nav aria-label="Main">
          {PAGES.map((name) => (
            <a key={name} href={`#${name}`} aria-current={page === name ? 'page' : undefined}>
              {TITLES[name]}
            </a>
          ))}
        </nav>
        <LanguageSwitcher language={language} onChange={setLanguage} />
      </header>
      <AlertBanner connections={known} />
      <main>
        {page === 'connections' && (
          <ConnectionsPage
            connections={connections}
            error={error}
            onRetry={() => void reload()}
            onChange={() => void reload()}
          />
        )}
        {page === 'purchase-orders' && <PurchaseOrdersPage connections={known} />}
        {page === 'developer' && <DeveloperPage connections={known} />}
      </main>
    </DemoProvider>
  );
}
