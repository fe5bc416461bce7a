import { createRemoteHealthSource } from '@makini-kit/core';
import { type LinkSettings, MakiniProvider } from '@makini-kit/react';
import { useCallback, useEffect, useState } from 'react';
import { AlertBanner } from './AlertBanner.js';
import { api, type DemoConnection } from './api.js';
import { ConnectionsPage } from './pages/ConnectionsPage.js';
import { DeveloperPage } from './pages/DeveloperPage.js';
import { PurchaseOrdersPage } from './pages/PurchaseOrdersPage.js';

const health = createRemoteHealthSource({ url: '/api/health' });
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
  const [link, setLink] = useState<LinkSettings>();
  const [connections, setConnections] = useState<DemoConnection[]>([]);
  const reload = useCallback(
    () =>
      api<{ data: DemoConnection[] }>('/api/connections').then((body) => setConnections(body.data)),
    [],
  );
  useEffect(() => {
    void api<LinkSettings>('/api/link/settings').then(setLink);
    void reload();
  }, [reload]);

  return (
    <MakiniProvider health={health} {...(link ? { link } : {})}>
      <header className="top">
        <strong className="brand">Acme Procurement</strong>
        <nav aria-label="Main">
          {PAGES.map((name) => (
            <a key={name} href={`#${name}`} aria-current={page === name ? 'page' : undefined}>
              {TITLES[name]}
            </a>
          ))}
        </nav>
      </header>
      <AlertBanner connections={connections} />
      <main>
        {page === 'connections' && <ConnectionsPage connections={connections} onChange={reload} />}
        {page === 'purchase-orders' && <PurchaseOrdersPage connections={connections} />}
        {page === 'developer' && <DeveloperPage connections={connections} />}
      </main>
    </MakiniProvider>
  );
}
