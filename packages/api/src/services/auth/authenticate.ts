import { PrecompiledQueries } from '@budget/db';
import type { ApiDeps } from '../../deps.ts';
import { unauthorized } from '../../errors.ts';
import { verifyAccessToken, type AccessTokenClaims } from './access-tokens.ts';
import { liveSession } from './live-session.ts';
import { userColumns, type UserRecord } from './users.ts';

export interface Authenticated {
  user: UserRecord;
  loginId: string;
}

/** The claims of a Bearer access token with a valid signature; its session is not checked. */
export async function verifyBearer(
  deps: Pick<ApiDeps, 'auth'>,
  authorization: string | null,
): Promise<AccessTokenClaims> {
  const match = authorization === null ? null : /^Bearer ([\w.-]+)$/.exec(authorization);
  if (match?.[1] === undefined) throw unauthorized();
  const claims = await verifyAccessToken(deps.auth, match[1]);
  if (claims === null) throw unauthorized('Invalid or expired access token');
  return claims;
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
  const claims = await verifyBearer(deps, authorization);
  const { userId, loginId } = claims;
  const [user] = await sessionUsers.execute(deps.db, '', { userId, loginId }, (slots) =>
    liveSession(deps.db, slots).select(userColumns),
  );
  if (user === undefined) throw unauthorized('Session is no longer valid');
  return { user, loginId: claims.loginId };
}

const sessionUsers = new PrecompiledQueries<AccessTokenClaims, UserRecord>();
