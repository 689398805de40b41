/**
 * What one authenticated call takes from its user's rate limit (SPEC §3, fairness), in plain
 * calls' worth: a lookup or a write costs 1; a call that reads a whole range of the ledger, hashes
 * a password or parses a statement costs what it weighs next to one. The cost is known from the
 * procedure's path alone, so an over-limit call is refused before its input is parsed and before
 * any database work.
 */
export const PROCEDURE_COSTS: Readonly<Record<string, number>> = {
  // Argon2id at OWASP's parameters: tens of milliseconds of CPU and 19 MiB each.
  'auth.changePassword': 10,
  'auth.deleteAccount': 10,
  // Sums over any range of the ledger totals; a trend is up to 5 000 points.
  'reports.summary': 5,
  'reports.trend': 8,
  // Every budget's period, and with rollover every period since it started.
  'budgets.progress': 5,
  // A page and a count of up to 10 001 matching rows.
  'transactions.page': 3,
  // Up to a year of occurrences of every rule.
  'recurring.upcoming': 3,
  // Up to 2 MiB of CSV parsed and matched against the ledger.
  'imports.preview': 10,
  'imports.commit': 10,
  'imports.undo': 3,
};

/** GET /export/transactions.csv streams the whole filtered ledger: this much to start it… */
export const EXPORT_COST = 20;

/** …and this much for each further page (1 000 rows) it streams, waiting for the points. */
export const EXPORT_PAGE_COST = 1;

/** The cost of one call of `path` (a procedure's dotted path). */
export function procedureCost(path: string): number {
  return PROCEDURE_COSTS[path] ?? 1;
}
