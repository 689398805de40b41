import { createTestDeps } from '@budget/api/testing';
import { describe, expect, it } from 'vitest';
import {
  dataOf,
  errorCodeOf,
  mutate,
  query,
  registerOverHttp,
  startTestServer,
  useTestServer,
  type SessionBody,
} from './testing/index.ts';

const server = useTestServer();

const refresh = (refreshToken: string) => mutate(server.app, 'auth.refresh', { refreshToken });
const me = (token: string) => query(server.app, 'auth.me', undefined, { token });

describe('auth.refresh', () => {
  it('rotates: a new pair of tokens, and the old refresh token is dead', async () => {
    const { session } = await registerOverHttp(server.app);
    const next = dataOf<SessionBody>(await refresh(session.refreshToken));
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.accessToken).not.toBe(session.accessToken);
    expect(next.user.id).toBe(session.user.id);
    expect((await me(next.accessToken)).statusCode).toBe(200);

    const replay = await refresh(session.refreshToken);
    expect(replay.statusCode).toBe(401);
    expect(errorCodeOf(replay)).toBe('UNAUTHORIZED');
  });

  it('revokes the whole login when a rotated token is presented again', async () => {
    const { session } = await registerOverHttp(server.app);
    const second = dataOf<SessionBody>(await refresh(session.refreshToken));
    const third = dataOf<SessionBody>(await refresh(second.refreshToken));

    expect((await refresh(session.refreshToken)).statusCode).toBe(401);

    expect((await refresh(third.refreshToken)).statusCode).toBe(401);
    expect((await me(third.accessToken)).statusCode).toBe(401);
  });

  it('lets exactly one of 10 concurrent refreshes with one token win', async () => {
    const { session } = await registerOverHttp(server.app);
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => refresh(session.refreshToken)),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(9);
  });

  it('keeps other logins of the same user alive when one login is revoked for reuse', async () => {
    const { email, password, session } = await registerOverHttp(server.app);
    const other = dataOf<SessionBody>(await mutate(server.app, 'auth.login', { email, password }));
    await refresh(session.refreshToken);
    await refresh(session.refreshToken);
    expect((await refresh(other.refreshToken)).statusCode).toBe(200);
  });

  it('reads the refresh token from the HttpOnly cookie and sets the rotated one', async () => {
    const { session } = await registerOverHttp(server.app);
    const response = await mutate(server.app, 'auth.refresh', undefined, {
      headers: { cookie: `budget_refresh=${session.refreshToken}` },
    });
    const next = dataOf<SessionBody>(response);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toContain(`budget_refresh=${next.refreshToken}`);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
  });

  it('clears the cookie and refuses an unknown or malformed token without revoking anything', async () => {
    const { session } = await registerOverHttp(server.app);
    const forged = `${session.user.id}.${'A'.repeat(43)}`;
    for (const token of [forged, 'garbage', `${session.refreshToken}x`]) {
      const response = await refresh(token);
      expect(response.statusCode).toBe(401);
    }
    expect((await refresh(session.refreshToken)).statusCode).toBe(200);
  });

  it('refuses a call with no token in body or cookie', async () => {
    const response = await mutate(server.app, 'auth.refresh', {});
    expect(response.statusCode).toBe(401);
  });

  it('rejects unknown keys', async () => {
    const response = await mutate(server.app, 'auth.refresh', { refreshToken: 'x', userId: 'y' });
    expect(response.statusCode).toBe(400);
  });
});

describe('session limits', () => {
  it('never lets a login outlive SESSION_MAX_AGE, however often it is refreshed', async () => {
    const capped = await startTestServer({
      deps: {
        auth: { ...createTestDeps(server.testDb.db).auth, sessionMaxAgeSeconds: 2 },
      },
    });
    try {
      const { session } = await registerOverHttp(capped.app);
      const cap = Date.now() + 2_000;
      expect(Date.parse(session.refreshTokenExpiresAt)).toBeLessThanOrEqual(cap + 50);
      expect(Date.parse(session.accessTokenExpiresAt)).toBeLessThanOrEqual(cap + 50);
      const next = dataOf<SessionBody>(
        await mutate(capped.app, 'auth.refresh', { refreshToken: session.refreshToken }),
      );
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const late = await mutate(capped.app, 'auth.refresh', { refreshToken: next.refreshToken });
      expect(late.statusCode).toBe(401);
      const access = await query(capped.app, 'auth.me', undefined, { token: next.accessToken });
      expect(access.statusCode).toBe(401);
    } finally {
      await capped.close();
    }
  });
});
