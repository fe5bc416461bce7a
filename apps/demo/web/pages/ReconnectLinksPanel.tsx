import { useState } from 'react';
import { ApiRequestError, api, type DemoConnection } from '../api.js';

interface MintedLink {
  url: string;
  expiresAt: number;
}

/**
 * Makes the reconnect link an alert e-mail would carry, for any connection, to open or copy: the
 * way to try `/reconnect` without waiting for a connection to break. Each link works once.
 */
export function ReconnectLinksPanel({ connections }: { connections: DemoConnection[] }) {
  const [links, setLinks] = useState<Record<string, MintedLink>>({});
  const [notice, setNotice] = useState<{ text: string; failed?: boolean }>();

  const mint = async (connection: DemoConnection) => {
    try {
      const { data } = await api<{ data: MintedLink }>('/api/dev/reconnect-link', {
        method: 'POST',
        body: JSON.stringify({ connectionId: connection.key }),
      });
      setLinks((known) => ({ ...known, [connection.key]: data }));
      setNotice({ text: `Made a reconnect link for ${connection.name}.` });
    } catch (error) {
      const reason = error instanceof ApiRequestError ? error.message : String(error);
      setNotice({ text: `No link was made: ${reason}`, failed: true });
    }
  };
  const copy = async (connection: DemoConnection, url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setNotice({ text: `Copied the reconnect link of ${connection.name}.` });
    } catch {
      setNotice({
        text: 'The browser did not allow copying: select the link instead.',
        failed: true,
      });
    }
  };

  return (
    <>
      <h2>Reconnect links</h2>
      {notice ? (
        <p role={notice.failed ? 'alert' : 'status'} className="notice">
          {notice.text}
        </p>
      ) : null}
      <table className="log" aria-label="Reconnect links">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">Link (works once)</th>
            <th scope="col">Make or copy</th>
          </tr>
        </thead>
        <tbody>
          {connections.map((connection) => {
            const link = links[connection.key];
            return (
              <tr key={connection.key} data-link-for={connection.key}>
                <td>{connection.name}</td>
                <td className="link-cell">
                  {link ? (
                    <a href={link.url} target="_blank" rel="noopener noreferrer">
                      {link.url}
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  <div className="actions">
                    <button type="button" className="secondary" onClick={() => mint(connection)}>
                      {link ? 'Make a new link' : 'Make a link'}
                    </button>
                    {link ? (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => copy(connection, link.url)}
                      >
                        Copy
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
