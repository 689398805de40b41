import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { FormError } from '../ui/form-error.tsx';

export interface MadeImport {
  importId: string;
  fileName: string;
  accountName: string;
  imported: number;
  duplicates: number;
  errors: number;
}

/** One import made on this page, with Undo: every row it wrote is removed again. */
export function PastImport({ made }: { made: MadeImport }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const undo = useMutation(trpc.imports.undo.mutationOptions({ onSuccess: invalidate }));

  return (
    <li className="card row" data-testid="past-import">
      <div className="grow">
        <strong>{made.fileName}</strong> <span className="muted">into {made.accountName}</span>
        <div className="small">
          {made.imported} imported, {made.duplicates} duplicates skipped, {made.errors} errors
        </div>
      </div>
      {undo.data === undefined ? (
        <button
          type="button"
          className="danger"
          disabled={undo.isPending}
          onClick={() => undo.mutate({ importId: made.importId })}
          aria-label={`Undo the import of ${made.fileName}`}
        >
          Undo
        </button>
      ) : (
        <p role="status">
          Undone: {undo.data.removed} {undo.data.removed === 1 ? 'entry' : 'entries'} removed.
        </p>
      )}
      <FormError error={undo.error} />
    </li>
  );
}
