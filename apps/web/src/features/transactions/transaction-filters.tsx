import { getRouteApi } from '@tanstack/react-router';
import type { SyntheticEvent } from 'react';
import { useAccounts } from '../accounts/use-accounts.ts';
import { useCategories } from '../categories/use-categories.ts';
import { transactionSearch, type TransactionSearch } from './transaction-search.ts';

const route = getRouteApi('/app/transactions');

function text(data: FormData, name: string): string | undefined {
  const value = data.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Every filter of `transactions.list`, read from and written to the URL. */
export function TransactionFilters() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const accounts = useAccounts();
  const categories = useCategories();

  function apply(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: TransactionSearch = transactionSearch.parse({
      account: text(data, 'account'),
      category: text(data, 'category'),
      kind: text(data, 'kind'),
      from: text(data, 'from'),
      to: text(data, 'to'),
      min: text(data, 'min'),
      max: text(data, 'max'),
      q: text(data, 'q'),
      sort: text(data, 'sort'),
    });
    void navigate({ search: next });
  }

  return (
    <form className="filters" aria-label="Filters" onSubmit={apply} key={JSON.stringify(search)}>
      <div className="field">
        <label htmlFor="filter-q">Search payee or note</label>
        <input id="filter-q" name="q" type="search" defaultValue={search.q ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-account">Account</label>
        <select id="filter-account" name="account" defaultValue={search.account ?? ''}>
          <option value="">All accounts</option>
          {accounts.query.data?.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-category">Category</label>
        <select id="filter-category" name="category" defaultValue={search.category ?? ''}>
          <option value="">All categories</option>
          <option value="none">Uncategorized</option>
          {categories.query.data?.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-kind">Kind</label>
        <select id="filter-kind" name="kind" defaultValue={search.kind ?? ''}>
          <option value="">All kinds</option>
          <option value="income">Income</option>
          <option value="expense">Expense</option>
          <option value="transfer">Transfer</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">From</label>
        <input id="filter-from" name="from" type="date" defaultValue={search.from ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">To</label>
        <input id="filter-to" name="to" type="date" defaultValue={search.to ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-min">Min amount</label>
        <input id="filter-min" name="min" inputMode="decimal" defaultValue={search.min ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-max">Max amount</label>
        <input id="filter-max" name="max" inputMode="decimal" defaultValue={search.max ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-sort">Sort</label>
        <select id="filter-sort" name="sort" defaultValue={search.sort ?? 'date_desc'}>
          <option value="date_desc">Newest first</option>
          <option value="date_asc">Oldest first</option>
          <option value="amount_desc">Largest amount first</option>
          <option value="amount_asc">Smallest amount first</option>
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Apply filters
        </button>
        <button type="button" onClick={() => void navigate({ search: {} })}>
          Clear
        </button>
      </div>
    </form>
  );
}
