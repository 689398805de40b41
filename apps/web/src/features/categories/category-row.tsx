import type { Category } from '@budget/client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../lib/trpc.ts';
import { useInvalidateLedger } from '../ledger-invalidation.ts';
import { FormError } from '../ui/form-error.tsx';
import { DeleteCategoryDialog } from './delete-category-dialog.tsx';
import { EditCategoryDialog } from './edit-category-dialog.tsx';

export function CategoryRow({
  category,
  categories,
}: {
  category: Category;
  categories: readonly Category[];
}) {
  const trpc = useTRPC();
  const invalidate = useInvalidateLedger();
  const [open, setOpen] = useState<'edit' | 'delete' | null>(null);
  const archive = useMutation(trpc.categories.update.mutationOptions({ onSuccess: invalidate }));
  const archived = category.archivedAt !== null;

  return (
    <li className="card row">
      <span
        className="swatch"
        style={{ background: category.color ?? '#888888' }}
        aria-hidden="true"
      />
      <div className="grow">
        {category.name}
        {archived && <span className="tag">Archived</span>}
      </div>
      <div className="actions">
        <button type="button" onClick={() => setOpen('edit')} aria-label={`Edit ${category.name}`}>
          Edit
        </button>
        <button
          type="button"
          onClick={() => archive.mutate({ id: category.id, archived: !archived })}
          aria-label={`${archived ? 'Unarchive' : 'Archive'} ${category.name}`}
        >
          {archived ? 'Unarchive' : 'Archive'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => setOpen('delete')}
          aria-label={`Delete ${category.name}`}
        >
          Delete
        </button>
      </div>
      <FormError error={archive.error} />
      {open === 'edit' && <EditCategoryDialog category={category} onClose={() => setOpen(null)} />}
      {open === 'delete' && (
        <DeleteCategoryDialog
          category={category}
          categories={categories}
          onClose={() => setOpen(null)}
        />
      )}
    </li>
  );
}
