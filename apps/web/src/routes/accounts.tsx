import { AccountRow } from '../features/accounts/account-row.tsx';
import { NewAccountForm } from '../features/accounts/new-account-form.tsx';
import { useAccounts } from '../features/accounts/use-accounts.ts';
import { useMe } from '../features/auth/use-me.ts';
import { Empty, QueryState } from '../features/ui/page-state.tsx';

export function AccountsPage() {
  const me = useMe();
  const { query } = useAccounts();
  return (
    <>
      <h1>Accounts</h1>
      <section aria-labelledby="new-account">
        <h2 id="new-account">Add an account</h2>
        <NewAccountForm defaultCurrency={me.currency} />
      </section>
      <section aria-labelledby="your-accounts">
        <h2 id="your-accounts">Your accounts</h2>
        <QueryState query={query} label="Loading accounts…">
          {(accounts) =>
            accounts.length === 0 ? (
              <Empty>No accounts yet. Add your first one above.</Empty>
            ) : (
              <ul className="list">
                {accounts.map((account) => (
                  <AccountRow key={account.id} account={account} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
