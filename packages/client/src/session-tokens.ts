import type { Session } from './api-types.ts';
import type { StoredTokens } from './token-store.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

export function isSession(value: unknown): value is Session {
  return (
    isRecord(value) &&
    isRecord(value.user) &&
    typeof value.accessToken === 'string' &&
    typeof value.accessTokenExpiresAt === 'string' &&
    typeof value.refreshToken === 'string' &&
    typeof value.refreshTokenExpiresAt === 'string'
  );
}

export function isStoredTokens(value: unknown): value is StoredTokens {
  return (
    isRecord(value) &&
    typeof value.accessToken === 'string' &&
    isOptionalString(value.accessTokenExpiresAt) &&
    isOptionalString(value.refreshToken) &&
    isOptionalString(value.refreshTokenExpiresAt)
  );
}

/** The `data` of a tRPC success body `{ result: { data } }`, if it is a Session. */
export function sessionInResponse(body: unknown): Session | null {
  if (!isRecord(body) || !isRecord(body.result)) return null;
  const data = body.result.data;
  return isSession(data) ? data : null;
}

/** The tokens of a session worth keeping: no refresh token when a cookie holds it. */
export function tokensOf(session: Session, refreshTokenInCookie: boolean): StoredTokens {
  const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt } = session;
  return refreshTokenInCookie
    ? { accessToken, accessTokenExpiresAt, refreshTokenExpiresAt }
    : { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt };
}
