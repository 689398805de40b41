import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../../lib/dates.ts';
import { useTRPC } from '../../lib/trpc.ts';

/** Names the transaction a row duplicates: its date, payee and when it was recorded. */
export function DuplicateOf({ id }: { id: string }) {
  const trpc = useTRPC();
  const existing = useQuery(trpc.transactions.byId.queryOptions({ id }, { staleTime: Infinity }));
  if (existing.data === undefined) return <>Duplicate of an earlier entry</>;
  const { occurredOn, payee, createdAt } = existing.data;
  return (
    <>
      Duplicate of {payee ?? 'the entry'} on {formatDate(occurredOn)}, recorded{' '}
      {formatDate(createdAt.slice(0, 10))}
    </>
  );
}
