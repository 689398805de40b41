import { sql } from 'kysely';
import type { Trx } from '@budget/db';
import type { Actor } from '../../actor.ts';
import type { Context } from '../../context.ts';
import { badRequest, forbidden, unauthorized } from '../../errors.ts';
import type {
  ChangePasswordInput,
  LoginInput,
  RegisterInput,
  Session,
  UpdateProfileInput,
  User,
} from '../../schemas/auth.ts';
import { emailTakenOr, insertNewUser } from './new-user.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { assertUnderRateLimit, consumeRateLimit, rateLimitKey } from './rate-limiter.ts';
import { defaultRateLimits } from '../../deps.ts';
import { hashRefreshToken, refreshTokenOwner } from './refresh-tokens.ts';
import { issueTokens, revokeLogins, startLogin } from './sessions.ts';
import { toUser, userColumns } from './users.ts';

/** The auth room's signed-in services also answer with cookies and sessions, so they keep the request. */
type SignedIn = Context & { actor: Actor };

function withSessionCookie(ctx: Context, session: Session): Session {
  ctx.refreshCookie.set(session.refreshToken, new Date(session.refreshTokenExpiresAt));
  return session;
}

export async function register(ctx: Context, input: RegisterInput): Promise<Session> {
  const { db, auth, rateLimits } = ctx.deps;
  await consumeRateLimit(
    db,
    rateLimitKey('register:client', ctx.request.ip),
    rateLimits.registerPerClient,
  );
  await consumeRateLimit(
    db,
    rateLimitKey('register:email', input.email.toLowerCase()),
    rateLimits.registerPerEmail,
  );
  const passwordHash = await hashPassword(input.password);
  try {
    const session = await db.transaction().execute(async (trx) => {
      const user = await insertNewUser(trx, input, passwordHash);
      return startLogin(trx, auth, user, ctx.request);
    });
    return withSessionCookie(ctx, session);
  } catch (error) {
    throw emailTakenOr(error);
  }
}

const INVALID_CREDENTIALS = 'Invalid email or password';

/**
 * Every attempt counts against the client. Only failures count against the email: per client
 * (so one client's guesses lock out only that client) and, with a high ceiling, from anywhere
 * (which only slows a distributed attack), so the owner can still sign in from elsewhere.
 */
export async function login(ctx: Context, input: LoginInput): Promise<Session> {
  const { db, auth, rateLimits } = ctx.deps;
  await consumeRateLimit(
    db,
    rateLimitKey('login:client', ctx.request.ip),
    rateLimits.loginPerClient,
  );
  const email = input.email.toLowerCase();
  const failureLimits = [
    {
      key: rateLimitKey('login-failures:email-client', `${email}\n${ctx.request.ip}`),
      rule: rateLimits.loginPerEmailAndClient ?? defaultRateLimits.loginPerEmailAndClient,
    },
    { key: rateLimitKey('login-failures:email', email), rule: rateLimits.loginPerEmail },
  ];
  for (const { key, rule } of failureLimits) await assertUnderRateLimit(db, key, rule);

  const user = await db
    .selectFrom('users')
    .select([...userColumns, 'users.passwordHash', 'users.disabledAt'])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', email))
    .executeTakeFirst();
  const passwordMatches =
    user === undefined
      ? await verifyAgainstNothing(input.password)
      : await verifyPassword(user.passwordHash, input.password);
  if (user === undefined || !passwordMatches) {
    for (const { key, rule } of failureLimits) await consumeRateLimit(db, key, rule);
    throw unauthorized(INVALID_CREDENTIALS);
  }
  if (user.disabledAt !== null) throw forbidden('This account is disabled');
  return withSessionCookie(ctx, await startLogin(db, auth, user, ctx.request));
}

/** The token's login if it was rotated less than `graceSeconds` ago; undefined otherwise. */
async function rotatedWithinGrace(
  trx: Trx,
  graceSeconds: number,
  ownerId: string,
  tokenHash: string,
): Promise<{ loginId: string; expiresAt: Date } | undefined> {
  if (graceSeconds <= 0) return undefined;
  return trx
    .selectFrom('refreshTokens')
    .select(['loginId', 'expiresAt'])
    .where('ownerId', '=', ownerId)
    .where('tokenHash', '=', tokenHash)
    .where('rotatedAt', '>=', sql<Date>`now() - make_interval(secs => ${graceSeconds})`)
    .executeTakeFirst();
}

type RefreshOutcome = { session: Session } | { failure: 'invalid' | 'reused' };

/**
 * Rotates a refresh token. The old token dies in the same statement that checks it. A token
 * presented again within REFRESH_REUSE_GRACE of its rotation (concurrent tabs, a retry after a
 * lost response) refreshes the same login once more, so every caller ends up signed in; later,
 * a rotated token is a sign of theft and its whole login is revoked.
 */
export async function refresh(ctx: Context, input: { refreshToken?: string }): Promise<Session> {
  const { db, auth, rateLimits } = ctx.deps;
  const token = input.refreshToken ?? ctx.request.refreshTokenCookie;
  if (token === null) throw unauthorized('No refresh token');
  await consumeRateLimit(
    db,
    rateLimitKey('refresh:client', ctx.request.ip),
    rateLimits.refreshPerClient,
  );

  const ownerId = refreshTokenOwner(token);
  const outcome: RefreshOutcome =
    ownerId === null
      ? { failure: 'invalid' }
      : await db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
          const tokenHash = hashRefreshToken(token);
          const presented =
            (await trx
              .updateTable('refreshTokens')
              .set({ rotatedAt: sql`now()` })
              .where('ownerId', '=', ownerId)
              .where('tokenHash', '=', tokenHash)
              .where('rotatedAt', 'is', null)
              .returning(['loginId', 'expiresAt'])
              .executeTakeFirst()) ??
            (await rotatedWithinGrace(trx, auth.refreshReuseGraceSeconds, ownerId, tokenHash));

          if (presented === undefined) {
            const dead = await trx
              .selectFrom('refreshTokens')
              .select('loginId')
              .where('ownerId', '=', ownerId)
              .where('tokenHash', '=', tokenHash)
              .executeTakeFirst();
            if (dead === undefined) return { failure: 'invalid' };
            await revokeLogins(trx, ownerId, 'refresh_token_reuse', [dead.loginId]);
            return { failure: 'reused' };
          }

          const row = await trx
            .selectFrom('logins')
            .innerJoin('users', 'users.id', 'logins.ownerId')
            .select([...userColumns, 'users.disabledAt', 'logins.expiresAt', 'logins.revokedAt'])
            .where('logins.ownerId', '=', ownerId)
            .where('logins.id', '=', presented.loginId)
            .executeTakeFirst();
          const now = Date.now();
          const usable =
            row?.revokedAt === null &&
            row.disabledAt === null &&
            row.expiresAt.getTime() > now &&
            presented.expiresAt.getTime() > now;
          if (!usable) return { failure: 'invalid' };
          await trx
            .updateTable('logins')
            .set({ lastUsedAt: sql`now()` })
            .where('ownerId', '=', ownerId)
            .where('id', '=', presented.loginId)
            .execute();
          const session = await issueTokens(trx, auth, row, {
            id: presented.loginId,
            expiresAt: row.expiresAt,
          });
          return { session };
        });

  if ('session' in outcome) return withSessionCookie(ctx, outcome.session);
  ctx.refreshCookie.clear();
  if (outcome.failure === 'reused') {
    ctx.log.warn({ userId: ownerId }, 'refresh token reused; its login was revoked');
  }
  throw unauthorized('Invalid refresh token');
}

export async function logout(
  ctx: SignedIn,
  input: { refreshToken?: string },
): Promise<{ ok: true }> {
  const loginIds = ctx.actor.loginId === null ? [] : [ctx.actor.loginId];
  const token = input.refreshToken ?? ctx.request.refreshTokenCookie;
  if (token !== null && refreshTokenOwner(token) === ctx.actor.user.id) {
    const row = await ctx.deps.db
      .selectFrom('refreshTokens')
      .select('loginId')
      .where('ownerId', '=', ctx.actor.user.id)
      .where('tokenHash', '=', hashRefreshToken(token))
      .executeTakeFirst();
    if (row !== undefined) loginIds.push(row.loginId);
  }
  await revokeLogins(ctx.deps.db, ctx.actor.user.id, 'logout', loginIds);
  ctx.refreshCookie.clear();
  return { ok: true };
}

export async function logoutAll(ctx: SignedIn): Promise<{ revoked: number }> {
  const revoked = await revokeLogins(ctx.deps.db, ctx.actor.user.id, 'logout_all');
  ctx.refreshCookie.clear();
  return { revoked };
}

export function me(ctx: SignedIn): User {
  return toUser(ctx.actor.user);
}

export async function updateProfile(ctx: SignedIn, input: UpdateProfileInput): Promise<User> {
  if (
    input.displayName === undefined &&
    input.currency === undefined &&
    input.timeZone === undefined
  ) {
    return toUser(ctx.actor.user);
  }
  const user = await ctx.deps.db
    .updateTable('users')
    .set({ ...input, updatedAt: sql`now()` })
    .where('id', '=', ctx.actor.user.id)
    .returning(userColumns)
    .executeTakeFirstOrThrow();
  return toUser(user);
}

/** Confirms the caller's password, with attempts limited per user. */
async function confirmPassword(ctx: SignedIn, password: string): Promise<void> {
  const { db, rateLimits } = ctx.deps;
  await consumeRateLimit(
    db,
    rateLimitKey('password-check:user', ctx.actor.user.id),
    rateLimits.passwordCheckPerUser,
  );
  const { passwordHash } = await db
    .selectFrom('users')
    .select('passwordHash')
    .where('id', '=', ctx.actor.user.id)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(passwordHash, password))) {
    throw forbidden('Password is incorrect');
  }
}

export async function changePassword(ctx: SignedIn, input: ChangePasswordInput): Promise<Session> {
  await confirmPassword(ctx, input.currentPassword);
  if (input.newPassword === input.currentPassword) {
    throw badRequest('The new password must differ from the current one');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const session = await ctx.deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ passwordHash, updatedAt: sql`now()` })
      .where('id', '=', ctx.actor.user.id)
      .execute();
    await revokeLogins(trx, ctx.actor.user.id, 'password_changed');
    return startLogin(trx, ctx.deps.auth, ctx.actor.user, ctx.request);
  });
  return withSessionCookie(ctx, session);
}

export async function deleteAccount(
  ctx: SignedIn,
  input: { password: string },
): Promise<{ ok: true }> {
  await confirmPassword(ctx, input.password);
  await ctx.deps.db.deleteFrom('users').where('id', '=', ctx.actor.user.id).execute();
  ctx.refreshCookie.clear();
  return { ok: true };
}
