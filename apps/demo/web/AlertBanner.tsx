import { useEffect, useState } from 'react';
import { api, type DemoConnection } from './api.js';

interface Alert {
  id: number;
  connectionId: string;
  kind: string;
  reason: string;
  /** The reconnect link the customer's alert e-mail carries. */
  link?: { url: string; expiresAt: number };
}

/**
 * Alerts the back end raised; gone once the connection heals. It also "e-mails" the customer, and
 * the banner shows the reconnect link that e-mail carries: opened in a new tab, it is what a
 * customer who is not signed in to the app sees.
 */
export function AlertBanner({ connections }: { connections: DemoConnection[] }) {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api<{ data: Alert[] }>('/api/alerts')
        .then((body) => alive && setAlerts(body.data))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 1500);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  const shown = alerts.filter(
    (alert) => alert.kind === 'reauthorization_required' || alert.kind === 'disconnected',
  );
  if (shown.length === 0) return null;
  return (
    <div className="banner" role="alert">
      {shown.map((alert) => (
        <div key={alert.id} data-alert={alert.connectionId}>
          <p>
            <strong>
              {connections.find((connection) => connection.key === alert.connectionId)?.name ??
                alert.connectionId}
            </strong>{' '}
            needs to reconnect: {alert.reason} <a href="#connections">Reconnect</a>
          </p>
          {alert.link ? (
            <p className="email">
              The email your customer gets:{' '}
              <a
                href={alert.link.url}
                target="_blank"
                rel="noopener noreferrer"
                data-reconnect-link
              >
                {alert.link.url}
              </a>{' '}
              <span className="muted">
                (works once, until {new Date(alert.link.expiresAt).toLocaleString()})
              </span>
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}
