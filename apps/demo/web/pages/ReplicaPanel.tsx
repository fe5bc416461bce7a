import { useSyncExternalStore } from 'react';
import { replicaLog } from '../replicaLog.js';

/**
 * Which back-end replica answered the page's latest calls, when several run behind the proxy
 * (`pnpm demo --replicas 3`): round-robin at work. Nothing when the back end is one process.
 */
export function ReplicaPanel() {
  const answers = useSyncExternalStore(replicaLog.subscribe, replicaLog.getSnapshot);
  if (answers.length === 0) return null;
  const counts = new Map<string, number>();
  for (const answer of answers) counts.set(answer.replica, (counts.get(answer.replica) ?? 0) + 1);
  const latest = answers.slice(-8).reverse();
  return (
    <section aria-labelledby="replicas-title">
      <h2 id="replicas-title">Replicas</h2>
      <p>
        The back end runs as {counts.size === 1 ? 'one replica so far' : `${counts.size} replicas`}{' '}
        behind a round-robin proxy; each answer says which one gave it (<code>x-demo-replica</code>
        ). Of the last {answers.length} answers:{' '}
        {[...counts]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([replica, count]) => `${replica} ${count}`)
          .join(', ')}
        .
      </p>
      <table className="log" aria-label="Answered by">
        <thead>
          <tr>
            <th scope="col">Call</th>
            <th scope="col">Replica</th>
          </tr>
        </thead>
        <tbody>
          {latest.map((answer) => (
            <tr key={answer.sequence} data-replica={answer.replica}>
              <td>
                <code>{answer.path}</code>
              </td>
              <td>{answer.replica}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
