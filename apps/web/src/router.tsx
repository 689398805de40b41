import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
} from '@tanstack/react-router';
import { signInSearch } from './features/auth/session-end-search.ts';
import { AppShell } from './features/layout/app-shell.tsx';
import { reportSearch } from './features/reports/report-search.ts';
import { transactionSearch } from './features/transactions/transaction-search.ts';
import { NotFoundPage } from './routes/not-found.tsx';
import { SignInPage } from './routes/sign-in.tsx';
import { SignUpPage } from './routes/sign-up.tsx';

// Sign-in and sign-up are in the first bundle; every signed-in page is a chunk of its own, loaded
// when it is opened, so charts and long lists never slow the first screen.
const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: signInSearch,
  component: SignInPage,
});

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  component: SignUpPage,
});

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppShell });

const page = <Path extends string>(
  path: Path,
  load: Parameters<typeof lazyRouteComponent>[0],
  name: string,
) => ({ getParentRoute: () => appRoute, path, component: lazyRouteComponent(load, name) });

const dashboardRoute = createRoute(
  page('/', () => import('./routes/dashboard.tsx'), 'DashboardPage'),
);
const transactionsRoute = createRoute({
  ...page('/transactions', () => import('./routes/transactions.tsx'), 'TransactionsPage'),
  validateSearch: transactionSearch,
});
const accountsRoute = createRoute(
  page('/accounts', () => import('./routes/accounts.tsx'), 'AccountsPage'),
);
const categoriesRoute = createRoute(
  page('/categories', () => import('./routes/categories.tsx'), 'CategoriesPage'),
);
const budgetsRoute = createRoute(
  page('/budgets', () => import('./routes/budgets.tsx'), 'BudgetsPage'),
);
const reportsRoute = createRoute({
  ...page('/reports', () => import('./routes/reports.tsx'), 'ReportsPage'),
  validateSearch: reportSearch,
});
const recurringRoute = createRoute(
  page('/recurring', () => import('./routes/recurring.tsx'), 'RecurringPage'),
);
const importRoute = createRoute(page('/import', () => import('./routes/import.tsx'), 'ImportPage'));
const settingsRoute = createRoute(
  page('/settings', () => import('./routes/settings.tsx'), 'SettingsPage'),
);

const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  appRoute.addChildren([
    dashboardRoute,
    transactionsRoute,
    accountsRoute,
    categoriesRoute,
    budgetsRoute,
    reportsRoute,
    recurringRoute,
    importRoute,
    settingsRoute,
  ]),
]);

export function createAppRouter() {
  return createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
