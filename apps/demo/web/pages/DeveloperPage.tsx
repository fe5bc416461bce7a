import { useEffect, useState } from 'react';
import type { InvalidRecordCount, LoggedRequest, ReceivedWebhook } from '../../server/Activity.js';
import { ApiRequestError, api, type DemoConnection } from '../api.js';
import { InvalidRecordsPanel } from './InvalidRecordsPanel.js';
import { ReconnectLinksPanel } from './ReconnectLinksPanel.js';
import { ReplicaPanel } from './ReplicaPanel.js';

interface Credentials {
  connectionKey: string;
  platform: string;
  username: string;
  password: string;
}

/** The sandbox's fault switches the panel offers, each a POST to the demo back end. */
const FAULT_ACTIONS = [
  {
    label: 'Inject 5xx faults',
    path: '/api/dev/faults',
    body: { kind: 'errors' },
    notice: 'Injected 503s on 30% of ERP calls.',
  },
  {
    label: 'Inject 429s',
    path: '/api/dev/faults',
    body: { kind: 'rate_limit' },
    notice: 'Injected 429s on 30% of ERP calls.',
  },
  {
    label: 'Rate limit 20/min',
    path: '/api/dev/rate-limit',
    body: { limit: 20 },
    notice: 'Rate limit set to 20 per minute per connection.',
  },
];

function usePolled<T>(path: string, every = 1500): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    const load = () =>
      api<{ data: T }>(path)
        .then((body) => alive && setValue(body.data))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, every);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [path, every]);
  return value;
}

/** Play the failure story: rotate a customer's password, inject faults, set a rate limit. */
export function DeveloperPage({ connections }: { connections: DemoConnection[] }) {
  const requests = usePolled<LoggedRequest[]>('/api/requests') ?? [];
  const webhooks = usePolled<ReceivedWebhook[]>('/api/webhooks') ?? [];
  const invalidRecords = usePolled<InvalidRecordCount[]>('/api/invalid-records') ?? [];
  const credentials = usePolled<Credentials[]>('/api/dev/credentials', 3000) ?? [];
  const [notice, setNotice] = useState<{ text: string; failed?: boolean }>();
  // A failed action says so where the user looks, instead of vanishing into the console.
  const run = async (call: () => Promise<unknown>, message: string) => {
    try {
      await call();
      setNotice({ text: message });
    } catch (error) {
      const requestId = error instanceof ApiRequestError ? error.requestId : undefined;
      const reason = error instanceof Error ? error.message : String(error);
      setNotice({
        text: `That did not work: ${reason}${requestId ? ` (request ${requestId})` : ''}`,
        failed: true,
      });
    }
  };
  const post = (path: string, body: unknown, message: string) =>
    run(() => api(path, { method: 'POST', body: JSON.stringify(body) }), message);

  return (
    <section aria-labelledby="dev-title">
      <h1 id="dev-title">Developer</h1>
      {notice ? (
        <p role={notice.failed ? 'alert' : 'status'} className="notice">
          {notice.text}
        </p>
      ) : null}
      <h2>Customers' system accounts (sandbox)</h2>
      <table className="log">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">System</th>
            <th scope="col">Username</th>
            <th scope="col">Password</th>
            <th scope="col">Failure story</th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((account) => (
            <tr key={account.connectionKey} data-account={account.connectionKey}>
              <td>
                {connections.find((connection) => connection.key === account.connectionKey)?.name ??
                  account.connectionKey}
              </td>
              <td>{account.platform}</td>
              <td>
                <code>{account.username}</code>
              </td>
              <td>
                <code data-password>{account.password}</code>
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    post(
                      '/api/dev/rotate',
                      { connectionId: account.connectionKey },
                      `Rotated the password of ${account.username}.`,
                    )
                  }
                >
                  Rotate credentials
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        {FAULT_ACTIONS.map((action) => (
          <button
            key={action.label}
            type="button"
            className="secondary"
            onClick={() => post(action.path, action.body, action.notice)}
          >
            {action.label}
          </button>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() =>
            run(() => api('/api/dev/faults', { method: 'DELETE' }), 'Faults and limits cleared.')
          }
        >
          Clear faults
        </button>
      </div>
      <ReconnectLinksPanel connections={connections} />
      <ReplicaPanel />
      <InvalidRecordsPanel entries={invalidRecords} />
      <h2>Request log</h2>
      <table className="log" aria-label="Request log">
        <thead>
          <tr>
            <th scope="col">Request id</th>
            <th scope="col">Trace id</th>
            <th scope="col">Call</th>
            <th scope="col">Status</th>
            <th scope="col">Attempt</th>
            <th scope="col" className="number">
              ms
            </th>
          </tr>
        </thead>
        <tbody>
          {[...requests].reverse().map((entry) => (
            <tr
              key={`${entry.startedAt}-${entry.requestId ?? entry.path}-${entry.attempt}`}
              data-status={entry.status}
            >
              <td>
                <code>{entry.requestId ?? '—'}</code>
              </td>
              <td>
                <code>{entry.traceId ?? '—'}</code>
              </td>
              <td>
                {entry.method} {entry.path}
              </td>
              <td>{entry.status ?? entry.error?.kind}</td>
              <td>{entry.attempt}</td>
              <td className="number">{entry.durationMs}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Webhook deliveries</h2>
      <table className="log" aria-label="Webhook deliveries">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Type</th>
            <th scope="col">Connection</th>
            <th scope="col">Answered</th>
          </tr>
        </thead>
        <tbody>
          {[...webhooks].reverse().map((entry) => (
            <tr key={entry.sequence}>
              <td>
                <code>{entry.id}</code>
              </td>
              <td>{entry.type}</td>
              <td>{entry.connectionId}</td>
              <td>{entry.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
