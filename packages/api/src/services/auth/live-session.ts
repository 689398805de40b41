import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db, Trx } from '@budget/db';
import { unauthorized } from '../../errors.ts';
import type { AccessTokenClaims } from './access-tokens.ts';

/** The token's login while it is live: not revoked, not expired. */
function liveLogin(db: Db | Trx, claims: AccessTokenClaims) {
  return db
    .selectFrom('logins')
    .select('logins.id')
    .where('logins.id', '=', claims.loginId)
    .where('logins.ownerId', '=', claims.userId)
    .where('logins.revokedAt', 'is', null)
    .where('logins.expiresAt', '>', sql<Date>`now()`);
}

/** The token's user while it exists and is enabled. */
function enabledUser(db: Db | Trx, claims: AccessTokenClaims) {
  return db
    .selectFrom('users')
    .where('users.id', '=', claims.userId)
    .where('users.disabledAt', 'is', null);
}

/**
 * The token's user, exactly while its login is live and the user exists and is enabled: what
 * makes disabling, deleting or signing out take effect at once.
 */
export function liveSession(db: Db | Trx, claims: AccessTokenClaims) {
  return enabledUser(db, claims).where((eb) => eb.exists(liveLogin(db, claims)));
}

/**
 * The same check as a condition of another query, which then finds nothing once the session
 * ended: two single-table lookups, which PostgreSQL plans more cheaply on every call than a join.
 */
export function whileSessionLive(db: Db | Trx, claims: AccessTokenClaims) {
  return <Tables extends keyof Database>(eb: ExpressionBuilder<Database, Tables>) =>
    eb.and([
      eb.exists(liveLogin(db, claims)),
      eb.exists(enabledUser(db, claims).select('users.id')),
    ]);
}

/** UNAUTHORIZED unless the session is live; for a guarded query that found nothing. */
export async function assertLiveSession(db: Db | Trx, claims: AccessTokenClaims): Promise<void> {
  const live = await liveSession(db, claims).select('users.id').executeTakeFirst();
  if (live === undefined) throw unauthorized('Session is no longer valid');
}
