import { sql } from 'kysely';
import type { Db, Trx } from '@budget/db';
import type { RequestInfo } from '../../context.ts';
import type { AuthSettings } from '../../deps.ts';
import type { Session } from '../../schemas/auth.ts';
import { signAccessToken } from './access-tokens.ts';
import { createRefreshToken } from './refresh-tokens.ts';
import { toUser, type UserRecord } from './users.ts';

type Executor = Db | Trx;

function earliest(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** Starts a login (a new refresh-token family) capped at SESSION_MAX_AGE, and its first tokens. */
export async function startLogin(
  db: Executor,
  settings: AuthSettings,
  user: UserRecord,
  request: Pick<RequestInfo, 'ip' | 'userAgent'>,
): Promise<Session> {
  const expiresAt = new Date(Date.now() + settings.sessionMaxAgeSeconds * 1000);
  const login = await db
    .insertInto('logins')
    .values({
      ownerId: user.id,
      expiresAt,
      userAgent: request.userAgent?.slice(0, 512) ?? null,
      ipAddress: request.ip,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return issueTokens(db, settings, user, { id: login.id, expiresAt });
}

/** A fresh access token and the login's next refresh token; neither outlives the login. */
export async function issueTokens(
  db: Executor,
  settings: AuthSettings,
  user: UserRecord,
  login: { id: string; expiresAt: Date },
): Promise<Session> {
  const now = Date.now();
  const refresh = createRefreshToken(user.id);
  const refreshTokenExpiresAt = earliest(
    new Date(now + settings.refreshTokenTtlSeconds * 1000),
    login.expiresAt,
  );
  const accessTokenExpiresAt = earliest(
    new Date(now + settings.accessTokenTtlSeconds * 1000),
    login.expiresAt,
  );
  await db
    .insertInto('refreshTokens')
    .values({
      ownerId: user.id,
      tokenHash: refresh.tokenHash,
      loginId: login.id,
      expiresAt: refreshTokenExpiresAt,
    })
    .execute();
  const accessToken = await signAccessToken(
    settings,
    { userId: user.id, loginId: login.id },
    accessTokenExpiresAt,
  );
  return {
    user: toUser(user),
    accessToken,
    accessTokenExpiresAt: accessTokenExpiresAt.toISOString(),
    refreshToken: refresh.token,
    refreshTokenExpiresAt: refreshTokenExpiresAt.toISOString(),
  };
}

export type RevokeReason =
  'logout' | 'logout_all' | 'password_changed' | 'refresh_token_reuse' | 'admin';

/** Revokes the caller's logins (all of them, or those listed); returns how many were live. */
export async function revokeLogins(
  db: Executor,
  ownerId: string,
  reason: RevokeReason,
  loginIds?: readonly string[],
): Promise<number> {
  if (loginIds?.length === 0) return 0;
  let query = db
    .updateTable('logins')
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where('ownerId', '=', ownerId)
    .where('revokedAt', 'is', null);
  if (loginIds !== undefined) query = query.where('id', 'in', loginIds);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
