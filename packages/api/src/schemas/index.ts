// The browser-safe entry (`@budget/api/schemas`): the zod inputs and outputs the procedures use,
// for forms and for scripts that call services directly. Nothing here reaches a database.
export * from './accounts.ts';
export * from './auth.ts';
export * from './budgets.ts';
export * from './categories.ts';
export * from './common.ts';
export * from './reports.ts';
export * from './transactions.ts';
export * from './recurring.ts';
export * from './imports.ts';
export * from './exports.ts';
