import type { Category } from '@budget/client';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { FormError } from '../ui/form-error.tsx';
import { Modal } from '../ui/modal.tsx';

/** Deleting a category moves its transactions to another of the same kind, or uncategorizes them. */
export function DeleteCategoryDialog({
  category,
  categories,
  onClose,
}: {
  category: Category;
  categories: readonly Category[];
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const remove = useMutation(trpc.categories.delete.mutationOptions({ onSuccess: invalidate }));
  const [reassignTo, setReassignTo] = useState('');
  const selectId = useId();
  const targets = categories.filter(
    (other) =>
      other.kind === category.kind && other.id !== category.id && other.archivedAt === null,
  );

  return (
    <Modal title={`Delete ${category.name}`} onClose={onClose}>
      <p>Its budgets are removed. Where should its transactions go?</p>
      <div className="field">
        <label htmlFor={selectId}>Move transactions to</label>
        <select
          id={selectId}
          value={reassignTo}
          onChange={(event) => setReassignTo(event.target.value)}
        >
          <option value="">Leave uncategorized</option>
          {targets.map((target) => (
            <option key={target.id} value={target.id}>
              {target.name}
            </option>
          ))}
        </select>
      </div>
      <FormError error={remove.error} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={remove.isPending}
          onClick={() =>
            remove.mutate(
              reassignTo === '' ? { id: category.id } : { id: category.id, reassignTo },
              { onSuccess: onClose },
            )
          }
        >
          Delete category
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
