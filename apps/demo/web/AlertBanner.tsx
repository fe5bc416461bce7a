import { useEffect, useState } from 'react';
import { api, type DemoConnection } from './api.js';

interface Alert {
  id: number;
  connectionId: string;
  kind: string;
  reason: string;
}

/** Alerts the back end raised (it also "emails" the customer); gone once the connection heals. */
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
        <p key={alert.id}>
          <strong>
            {connections.find((connection) => connection.key === alert.connectionId)?.name ??
              alert.connectionId}
          </strong>{' '}
          needs to reconnect: {alert.reason} <a href="#connections">Reconnect</a>
        </p>
      ))}
    </div>
  );
}
