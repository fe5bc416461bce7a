import type { InvalidRecordCount } from '../../server/Activity.js';

/**
 * Records the client set aside because they broke their schema, counted per connection and
 * operation. They never fail a page, so without this panel they would simply be missing from it.
 */
export function InvalidRecordsPanel({ entries }: { entries: InvalidRecordCount[] }) {
  return (
    <>
      <h2>Invalid records</h2>
      {entries.length === 0 ? (
        <p className="muted" data-invalid-records="0">
          Every record read so far matched its schema.
        </p>
      ) : (
        <>
          <p className="muted">
            Hint: these records came from the source system in a shape the schema does not allow (a
            missing <code>key</code>, a date or amount that is an object). They are kept with their
            raw JSON in <code>page.invalidRecords</code> and reported to{' '}
            <code>hooks.onInvalidRecord</code>; fix the field in the source system, or read the raw
            record. Pass <code>strict: true</code> to fail instead.
          </p>
          <table className="log" aria-label="Invalid records">
            <thead>
              <tr>
                <th scope="col">Connection</th>
                <th scope="col">Call</th>
                <th scope="col" className="number">
                  Records
                </th>
                <th scope="col">Latest: field</th>
                <th scope="col">Why</th>
                <th scope="col">Request id</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr
                  key={`${entry.connectionKey} ${entry.operation}`}
                  data-invalid-operation={entry.operation}
                >
                  <td>{entry.connectionKey}</td>
                  <td>{entry.operation}</td>
                  <td className="number" data-count>
                    {entry.count}
                  </td>
                  <td>
                    <code>{entry.last.issue}</code>
                  </td>
                  <td>{entry.last.message}</td>
                  <td>
                    <code>{entry.last.requestId ?? '—'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
