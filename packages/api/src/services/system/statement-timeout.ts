import { sql } from 'kysely';
import type { Actor } from '../../actor.ts';

/** No statement of a request's heavy reads runs longer than this. */
export const REQUEST_STATEMENT_TIMEOUT_MS = 10_000;

/**
 * Runs `work` in a transaction whose statements PostgreSQL cancels after `timeoutMs` (the error
 * reaches the caller as SERVICE_UNAVAILABLE), so one heavy request cannot hold a connection long.
 */
export function withStatementTimeout<T>(
  actor: Actor,
  work: (scoped: Actor) => Promise<T>,
  timeoutMs = REQUEST_STATEMENT_TIMEOUT_MS,
): Promise<T> {
  return actor.db.transaction().execute(async (trx) => {
    await sql`select set_config('statement_timeout', ${String(timeoutMs)}, true)`.execute(trx);
    return work({ ...actor, db: trx });
  });
}
