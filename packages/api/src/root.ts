import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { accountsRouter } from './routers/accounts.ts';
import { authRouter } from './routers/auth.ts';
import { budgetsRouter } from './routers/budgets.ts';
import { categoriesRouter } from './routers/categories.ts';
import { healthRouter } from './routers/health.ts';
import { importsRouter } from './routers/imports.ts';
import { recurringRouter } from './routers/recurring.ts';
import { reportsRouter } from './routers/reports.ts';
import { transactionsRouter } from './routers/transactions.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  accounts: accountsRouter,
  categories: categoriesRouter,
  transactions: transactionsRouter,
  budgets: budgetsRouter,
  reports: reportsRouter,
  recurring: recurringRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export const createCaller = createCallerFactory(appRouter);
