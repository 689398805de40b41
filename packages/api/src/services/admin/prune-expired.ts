import { sql } from 'kysely';
import type { Db } from '@budget/db';
import type { RateLimitSettings } from '../../deps.ts';
import type { Operator } from '../../operator.ts';

/** Idempotency keys answer retries for at least 24 hours; they are deleted after 48. */
export const IDEMPOTENCY_KEY_RETENTION_HOURS = 48;

/** Any fixed number: the advisory lock that lets one pruning run at a time across instances. */
export const PRUNE_LOCK_ID = 7_263_115_204_871;

export interface PruneOptions {
  /** Revoked or expired logins are kept this many days (for review) before they are deleted. */
  loginRetentionDays: number;
  /** The rules in force: a counter is over once the longest of their windows has passed. */
  rateLimits: RateLimitSettings;
}

export interface PruneCounts {
  refreshTokens: number;
  logins: number;
  rateLimits: number;
  idempotencyKeys: number;
}

export type PruneResult = { ran: true; deleted: PruneCounts } | { ran: false };

/**
 * Deletes what no request can use any more: refresh tokens past their expiry (rotated or not),
 * logins revoked or expired more than `loginRetentionDays` ago (with their tokens), rate-limit
 * counters whose window ended, idempotency keys older than 48 hours. Runs under a PostgreSQL
 * advisory lock, so started on several instances at once it runs once: the others return
 * `{ ran: false }` at once.
 */
export async function pruneExpired(
  operator: Operator,
  options: PruneOptions,
): Promise<PruneResult> {
  // A session lock belongs to one connection: take it, work and release it on that connection.
  return operator.db.connection().execute(async (connection) => {
    const lock = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_lock(${sql.lit(PRUNE_LOCK_ID)}) as locked`.execute(connection);
    if (lock.rows[0]?.locked !== true) return { ran: false };
    try {
      return { ran: true, deleted: await deleteExpired(connection, options) };
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(PRUNE_LOCK_ID)})`.execute(connection);
    }
  });
}

async function deleteExpired(db: Db, options: PruneOptions): Promise<PruneCounts> {
  const refreshTokens = await db
    .deleteFrom('refreshTokens')
    .where('expiresAt', '<', sql<Date>`now()`)
    .executeTakeFirst();

  const loginCutoff = sql<Date>`now() - make_interval(days => ${options.loginRetentionDays})`;
  const logins = await db
    .deleteFrom('logins')
    .where((eb) => eb.or([eb('revokedAt', '<', loginCutoff), eb('expiresAt', '<', loginCutoff)]))
    .executeTakeFirst();

  const rules = options.rateLimits;
  const names = Object.keys(rules) as (keyof RateLimitSettings)[];
  const windows = names.map((name) => rules[name]?.windowSeconds ?? 0);
  const longestWindow = Math.max(...windows);
  const rateLimits = await db
    .deleteFrom('rateLimits')
    .where('windowStartedAt', '<', sql<Date>`now() - make_interval(secs => ${longestWindow})`)
    .executeTakeFirst();

  const idempotencyKeys = await db
    .deleteFrom('idempotencyKeys')
    .where(
      'createdAt',
      '<',
      sql<Date>`now() - make_interval(hours => ${IDEMPOTENCY_KEY_RETENTION_HOURS})`,
    )
    .executeTakeFirst();

  return {
    refreshTokens: Number(refreshTokens.numDeletedRows),
    logins: Number(logins.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
    idempotencyKeys: Number(idempotencyKeys.numDeletedRows),
  };
}
