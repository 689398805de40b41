import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db, Trx } from '@budget/db';
import { unauthorized } from '../../errors.ts';
import type { AccessTokenClaims } from './access-tokens.ts';

/**
 * Rows exactly while the token's login is live (not revoked, not expired) and its user exists
 * and is enabled: what makes disabling, deleting or signing out take effect at once. A query
 * guarded by `exists(liveSession(…))` checks the session in its own statement.
 */
export function liveSession(db: Db | Trx, claims: AccessTokenClaims) {
  return db
    .selectFrom('logins')
    .innerJoin('users', 'users.id', 'logins.ownerId')
    .where('logins.id', '=', claims.loginId)
    .where('logins.ownerId', '=', claims.userId)
    .where('logins.revokedAt', 'is', null)
    .where('logins.expiresAt', '>', sql<Date>`now()`)
    .where('users.disabledAt', 'is', null);
}

/**
 * A query's condition that holds exactly while the session is live (as `liveSession`): the query
 * then finds nothing once it ended. Two single-table lookups rather than the join, which
 * PostgreSQL plans more cheaply on every call.
 */
export function whileSessionLive(db: Db | Trx, claims: AccessTokenClaims) {
  return <Tables extends keyof Database>(eb: ExpressionBuilder<Database, Tables>) =>
    eb.and([
      eb.exists(
        db
          .selectFrom('logins')
          .select('logins.id')
          .where('logins.id', '=', claims.loginId)
          .where('logins.ownerId', '=', claims.userId)
          .where('logins.revokedAt', 'is', null)
          .where('logins.expiresAt', '>', sql<Date>`now()`),
      ),
      eb.exists(
        db
          .selectFrom('users')
          .select('users.id')
          .where('users.id', '=', claims.userId)
          .where('users.disabledAt', 'is', null),
      ),
    ]);
}

/** UNAUTHORIZED unless the session is live; for a guarded query that found nothing. */
export async function assertLiveSession(db: Db | Trx, claims: AccessTokenClaims): Promise<void> {
  const live = await liveSession(db, claims).select('logins.id').executeTakeFirst();
  if (live === undefined) throw unauthorized('Session is no longer valid');
}
