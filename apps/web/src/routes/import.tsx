import type { CsvMapping } from '@budget/api/schemas';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState, type ChangeEvent } from 'react';
import { useAccounts } from '../features/accounts/use-accounts.ts';
import { MappingForm } from '../features/imports/mapping-form.tsx';
import { blankMapping, mappingFormValues } from '../features/imports/mapping-form-schema.ts';
import { PastImport, type MadeImport } from '../features/imports/past-imports.tsx';
import { PreviewTable } from '../features/imports/preview-table.tsx';
import { useInvalidateLedger } from '../features/ledger-invalidation.ts';
import { FormError } from '../features/ui/form-error.tsx';
import { Empty, QueryState } from '../features/ui/page-state.tsx';
import { useTRPC } from '../lib/trpc.ts';

/** What the server sends at most; a bigger file is refused before it is read. */
const MAX_BYTES = 2 * 1024 * 1024;

interface ChosenFile {
  name: string;
  text: string;
}

const delimiterNames = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

export function ImportPage() {
  const trpc = useTRPC();
  const accounts = useAccounts();
  const invalidate = useInvalidateLedger();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [accountId, setAccountId] = useState('');
  const [made, setMade] = useState<MadeImport[]>([]);
  // The mapping last sent: kept in the form when the server refuses it.
  const [sentMapping, setSentMapping] = useState<CsvMapping | undefined>();
  const preview = useMutation(trpc.imports.preview.mutationOptions());
  const commit = useMutation(trpc.imports.commit.mutationOptions({ onSuccess: invalidate }));
  // One key per previewed mapping: a retried commit of the same preview imports it once.
  const commitKey = useMemo(() => (preview.data ? crypto.randomUUID() : ''), [preview.data]);
  const account = accounts.byId.get(accountId) ?? accounts.open[0];

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    preview.reset();
    commit.reset();
    setFile(null);
    setFileError(null);
    setSentMapping(undefined);
    if (chosen === undefined) return;
    if (chosen.size > MAX_BYTES) {
      setFileError('The file is larger than 2 MiB. Split it into smaller statements.');
      return;
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  }

  function runPreview(mapping?: CsvMapping) {
    if (file === null || account === undefined) return;
    commit.reset();
    setSentMapping(mapping);
    preview.mutate({ accountId: account.id, csv: file.text, ...(mapping ? { mapping } : {}) });
  }

  function runCommit() {
    if (file === null || account === undefined || preview.data === undefined) return;
    const request = { accountId: account.id, csv: file.text, mapping: preview.data.mapping };
    commit.mutate(
      { ...request, idempotencyKey: commitKey },
      {
        onSuccess: (result) => {
          preview.reset();
          if (result.importId === null) return;
          const { importId, imported, duplicates, errors } = result;
          setMade((list) => [
            {
              importId,
              imported,
              duplicates,
              errors,
              fileName: file.name,
              accountName: account.name,
            },
            ...list,
          ]);
        },
      },
    );
  }

  const detected = preview.data?.mapping;
  const shownMapping = detected ?? sentMapping;

  return (
    <>
      <h1>Import</h1>
      <QueryState query={accounts.query} label="Loading accounts…">
        {() =>
          account === undefined ? (
            <Empty>
              <Link to="/accounts">Add an account</Link> first, then import its bank statement.
            </Empty>
          ) : (
            <>
              <section className="card" aria-labelledby="import-file">
                <h2 id="import-file">1. Choose a statement</h2>
                <form
                  noValidate
                  className="inline-form"
                  aria-label="Statement"
                  onSubmit={(event) => {
                    event.preventDefault();
                    runPreview();
                  }}
                >
                  <div className="field">
                    <label htmlFor="import-csv">CSV file</label>
                    <input
                      id="import-csv"
                      type="file"
                      accept=".csv,text/csv,text/plain"
                      onChange={(event) => void choose(event)}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor="import-account">Into account</label>
                    <select
                      id="import-account"
                      value={account.id}
                      onChange={(event) => {
                        setAccountId(event.target.value);
                        preview.reset();
                      }}
                    >
                      {accounts.open.map((option) => (
                        <option key={option.id} value={option.id}>
                          {option.name} ({option.currency})
                        </option>
                      ))}
                    </select>
                  </div>
                  <button
                    type="submit"
                    className="primary"
                    disabled={file === null || preview.isPending}
                  >
                    {preview.isPending ? 'Reading…' : 'Preview'}
                  </button>
                </form>
                {fileError !== null && (
                  <p role="alert" className="field-error">
                    {fileError}
                  </p>
                )}
                <FormError error={preview.error} />
              </section>

              {file !== null && (preview.data !== undefined || preview.error !== null) && (
                <section className="card" aria-labelledby="import-mapping">
                  <h2 id="import-mapping">2. Check how it is read</h2>
                  {detected === undefined && (
                    <p className="muted">
                      The columns could not be worked out from the file. Choose them below, then
                      preview again.
                    </p>
                  )}
                  {detected !== undefined && (
                    <dl className="facts" data-testid="detected">
                      <div>
                        <dt>Delimiter</dt>
                        <dd>{delimiterNames[detected.delimiter]}</dd>
                      </div>
                      <div>
                        <dt>Header line</dt>
                        <dd>{detected.hasHeader ? 'yes' : 'no'}</dd>
                      </div>
                      <div>
                        <dt>Date format</dt>
                        <dd>{detected.date.format}</dd>
                      </div>
                      <div>
                        <dt>Decimal separator</dt>
                        <dd>{detected.decimalSeparator === '.' ? 'point' : 'comma'}</dd>
                      </div>
                    </dl>
                  )}
                  <MappingForm
                    key={JSON.stringify(shownMapping ?? null)}
                    csv={file.text}
                    initial={
                      shownMapping === undefined
                        ? blankMapping(file.text)
                        : mappingFormValues(file.text, shownMapping)
                    }
                    busy={preview.isPending}
                    onPreview={runPreview}
                  />
                </section>
              )}

              {preview.data !== undefined && (
                <section className="card" aria-labelledby="import-preview">
                  <h2 id="import-preview">3. Preview</h2>
                  <PreviewTable preview={preview.data} currency={account.currency} />
                  <div className="actions">
                    <button
                      type="button"
                      className="primary"
                      disabled={commit.isPending || preview.data.summary.new === 0}
                      onClick={runCommit}
                    >
                      Import {preview.data.summary.new} new{' '}
                      {preview.data.summary.new === 1 ? 'row' : 'rows'}
                    </button>
                  </div>
                </section>
              )}
              <FormError error={commit.error} />
              {commit.data !== undefined && (
                <p role="status" className="notice">
                  {commit.data.imported === 0
                    ? 'Nothing new to import: every row is already in this account'
                    : `Imported ${commit.data.imported} ${commit.data.imported === 1 ? 'entry' : 'entries'}`}
                  {commit.data.duplicates > 0 && `, ${commit.data.duplicates} duplicates skipped`}
                  {commit.data.errors > 0 && `, ${commit.data.errors} rows with errors left out`}.
                </p>
              )}

              <section aria-labelledby="past-imports">
                <h2 id="past-imports">Imports made here</h2>
                {made.length === 0 ? (
                  <Empty>No imports yet in this visit. Each one can be undone here.</Empty>
                ) : (
                  <ul className="list">
                    {made.map((item) => (
                      <PastImport key={item.importId} made={item} />
                    ))}
                  </ul>
                )}
              </section>
            </>
          )
        }
      </QueryState>
    </>
  );
}
