import { sql } from 'kysely';
import type { ApiDeps } from '../../deps.ts';
import { unauthorized } from '../../errors.ts';
import { verifyAccessToken } from './access-tokens.ts';
import { userColumns, type UserRecord } from './users.ts';

export interface Authenticated {
  user: UserRecord;
  loginId: string;
}

/**
 * Resolves a Bearer access token to its user. Besides the signature it checks, in one indexed
 * lookup, that the user is enabled and still exists and that the login was not revoked, so
 * disabling, deleting or signing out takes effect at once.
 */
export async function authenticate(
  deps: Pick<ApiDeps, 'db' | 'auth'>,
  authorization: string | null,
): Promise<Authenticated> {
  const match = authorization === null ? null : /^Bearer ([\w.-]+)$/.exec(authorization);
  if (match?.[1] === undefined) throw unauthorized();
  const claims = await verifyAccessToken(deps.auth, match[1]);
  if (claims === null) throw unauthorized('Invalid or expired access token');

  const user = await deps.db
    .selectFrom('users')
    .innerJoin('logins', (join) =>
      join.onRef('logins.ownerId', '=', 'users.id').on('logins.id', '=', claims.loginId),
    )
    .select(userColumns)
    .where('users.id', '=', claims.userId)
    .where('users.disabledAt', 'is', null)
    .where('logins.revokedAt', 'is', null)
    .where('logins.expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (user === undefined) throw unauthorized('Session is no longer valid');
  return { user, loginId: claims.loginId };
}
