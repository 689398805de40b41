import type { Transaction } from '@budget/client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTRPC, useTRPCClient } from '../../lib/trpc.ts';
import { useAccounts } from '../accounts/use-accounts.ts';
import { useCategories } from '../categories/use-categories.ts';
import { Empty, ErrorState, Loading } from '../ui/page-state.tsx';
import type { listInputOf } from './list-input.ts';
import { TransactionRow } from './transaction-row.tsx';

const ROW_HEIGHT = 72;

/**
 * The ledger as one long list: `transactions.list` walked by cursor, a page at a time as the
 * reader scrolls, with only the rows on screen in the DOM.
 */
export function TransactionList({
  input,
  onEdit,
  onDelete,
}: {
  input: ReturnType<typeof listInputOf>;
  onEdit: (transaction: Transaction) => void;
  onDelete: (transaction: Transaction) => void;
}) {
  const trpc = useTRPC();
  const accounts = useAccounts();
  const categories = useCategories();
  const client = useTRPCClient();
  // Not `infiniteQueryOptions`: it adds a `direction` key that the API's strict input refuses.
  const list = useInfiniteQuery({
    queryKey: trpc.transactions.list.infiniteQueryKey(input),
    queryFn: ({ pageParam, signal }) =>
      client.transactions.list.query(pageParam === null ? input : { ...input, cursor: pageParam }, {
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 10) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, lastIndex, rows.length]);

  if (list.isPending) return <Loading label="Loading transactions…" />;
  if (list.error !== null && rows.length === 0) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (rows.length === 0)
    return <Empty>No transactions match. Add one, or clear the filters.</Empty>;

  return (
    <>
      <p className="muted small" aria-live="polite" data-testid="loaded-count">
        {rows.length} transactions loaded{hasNextPage ? ', scroll for more' : ''}
      </p>
      <div
        ref={scroller}
        className="tx-scroller"
        tabIndex={0}
        role="region"
        aria-label="Transactions"
      >
        <ul style={{ height: virtualizer.getTotalSize() }} className="tx-list">
          {items.map((item) => {
            const transaction = rows[item.index];
            if (transaction === undefined) return null;
            return (
              <li
                key={transaction.id}
                className="tx-item"
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <TransactionRow
                  transaction={transaction}
                  accounts={accounts.byId}
                  categories={categories.byId}
                  onEdit={onEdit}
                  onDelete={onDelete}
                />
              </li>
            );
          })}
        </ul>
      </div>
      {isFetchingNextPage && <Loading label="Loading more…" />}
      {list.error !== null && (
        <ErrorState error={list.error} onRetry={() => void fetchNextPage()} />
      )}
    </>
  );
}
