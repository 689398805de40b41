import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet } from '@tanstack/react-router';
import { isUnauthorized } from '@budget/client';
import { useTRPC } from '../../lib/trpc.ts';
import { ErrorState, Loading } from '../ui/page-state.tsx';

const pages = [
  { to: '/', label: 'Dashboard' },
  { to: '/transactions', label: 'Transactions' },
  { to: '/accounts', label: 'Accounts' },
  { to: '/categories', label: 'Categories' },
  { to: '/budgets', label: 'Budgets' },
  { to: '/reports', label: 'Reports' },
  { to: '/recurring', label: 'Recurring' },
  { to: '/import', label: 'Import' },
  { to: '/settings', label: 'Settings' },
] as const;

/**
 * The signed-in frame: it asks who the user is (which resumes a session from the refresh cookie
 * after a reload) and sends anyone without a session to sign-in.
 */
export function AppShell() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: Infinity }));

  if (me.isPending) return <Loading label="Loading your budget…" />;
  if (me.error !== null && isUnauthorized(me.error)) return <Navigate to="/sign-in" />;
  if (me.data === undefined)
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Budget Tracker</span>
        <nav aria-label="Main">
          <ul>
            {pages.map((page) => (
              <li key={page.to}>
                <Link
                  to={page.to}
                  activeOptions={{ exact: page.to === '/' }}
                  activeProps={{ 'aria-current': 'page' }}
                >
                  {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <span className="muted user-name">{me.data.displayName}</span>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
