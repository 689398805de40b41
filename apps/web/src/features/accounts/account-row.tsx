import type { Account } from '@budget/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { isConflict } from '../../lib/errors.ts';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { FormError } from '../ui/form-error.tsx';
import { Money } from '../ui/money.tsx';
import { accountTypeLabels } from './account-types.ts';
import { EditAccountDialog } from './edit-account-dialog.tsx';

export function AccountRow({ account }: { account: Account }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const [editing, setEditing] = useState(false);
  const archive = useMutation(trpc.accounts.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.accounts.delete.mutationOptions({ onSuccess: invalidate }));
  const archived = account.archivedAt !== null;

  return (
    <li className="card row">
      <div className="grow">
        <strong>{account.name}</strong>{' '}
        <span className="muted">{accountTypeLabels[account.type]}</span>
        {archived && <span className="tag">Archived</span>}
      </div>
      <Money amount={account.balance} currency={account.currency} />
      <div className="actions">
        <button type="button" onClick={() => setEditing(true)} aria-label={`Edit ${account.name}`}>
          Edit
        </button>
        <button
          type="button"
          onClick={() => archive.mutate({ id: account.id, archived: !archived })}
          aria-label={`${archived ? 'Unarchive' : 'Archive'} ${account.name}`}
        >
          {archived ? 'Unarchive' : 'Archive'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => remove.mutate({ id: account.id })}
          aria-label={`Delete ${account.name}`}
        >
          Delete
        </button>
      </div>
      {remove.error !== null &&
        (isConflict(remove.error) ? (
          <p role="alert" className="field-error">
            {account.name} has transactions, so it cannot be deleted. Archive it instead.
          </p>
        ) : (
          <FormError error={remove.error} />
        ))}
      <FormError error={archive.error} />
      {editing && <EditAccountDialog account={account} onClose={() => setEditing(false)} />}
    </li>
  );
}
