import type { ImportPreview } from '@budget/api/schemas';
import { useState } from 'react';
import { formatDate } from '../../lib/dates.ts';
import { Money } from '../ui/money.tsx';
import { DuplicateOf } from './duplicate-of.tsx';

type Row = ImportPreview['rows'][number];
type Show = 'all' | 'new' | 'duplicate' | 'error';

const PAGE = 100;

function statusOf(row: Row): Exclude<Show, 'all'> {
  if (row.error !== null) return 'error';
  return row.duplicateOf === null ? 'new' : 'duplicate';
}

const statusLabels = { new: 'New', duplicate: 'Duplicate', error: 'Error' } as const;
const statusTags = { new: 'tag-ok', duplicate: 'tag-warning', error: 'tag-over' } as const;

/** Every row of the file with what importing it would do: new, a duplicate of which entry, or why not. */
export function PreviewTable({ preview, currency }: { preview: ImportPreview; currency: string }) {
  const [show, setShow] = useState<Show>('all');
  const [shown, setShown] = useState(PAGE);
  const rows = preview.rows.filter((row) => show === 'all' || statusOf(row) === show);
  const { summary } = preview;

  return (
    <>
      <p data-testid="import-summary">
        {summary.total} rows: <strong>{summary.new} new</strong>, {summary.duplicates}{' '}
        {summary.duplicates === 1 ? 'duplicate' : 'duplicates'}, {summary.errors}{' '}
        {summary.errors === 1 ? 'error' : 'errors'}.
      </p>
      <div className="field inline">
        <label htmlFor="preview-show">Show</label>
        <select
          id="preview-show"
          value={show}
          onChange={(event) => {
            setShow(event.target.value as Show);
            setShown(PAGE);
          }}
        >
          <option value="all">All rows</option>
          <option value="new">New rows</option>
          <option value="duplicate">Duplicates</option>
          <option value="error">Errors</option>
        </select>
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Preview rows">
        <table>
          <caption className="visually-hidden">What importing each line would do</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Date</th>
              <th scope="col">Payee</th>
              <th scope="col" className="number">
                Amount
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, shown).map((row) => {
              const status = statusOf(row);
              return (
                <tr key={row.line} data-status={status}>
                  <td>{row.line}</td>
                  <td>{row.occurredOn === null ? '—' : formatDate(row.occurredOn)}</td>
                  <td>{row.payee ?? ''}</td>
                  <td className="number">
                    {row.amount === null ? '—' : <Money amount={row.amount} currency={currency} />}
                  </td>
                  <td>
                    <span className={`tag ${statusTags[status]}`}>{statusLabels[status]}</span>{' '}
                    <span className="small">
                      {status === 'error' && `Line ${row.line}: ${row.error ?? ''}`}
                      {status === 'duplicate' && row.duplicateOf !== null && (
                        <DuplicateOf id={row.duplicateOf} />
                      )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown}
        </button>
      )}
    </>
  );
}
