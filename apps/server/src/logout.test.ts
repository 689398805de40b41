import { describe, expect, it } from 'vitest';
import {
  dataOf,
  mutate,
  query,
  registerOverHttp,
  useTestServer,
  type SessionBody,
} from './testing/index.ts';

const server = useTestServer();

const login = async (email: string, password: string) =>
  dataOf<SessionBody>(await mutate(server.app, 'auth.login', { email, password }));
const meStatus = async (token: string) =>
  (await query(server.app, 'auth.me', undefined, { token })).statusCode;
const refreshStatus = async (refreshToken: string) =>
  (await mutate(server.app, 'auth.refresh', { refreshToken })).statusCode;

describe('auth.logout', () => {
  it('revokes that login only: its access and refresh tokens die, other logins live', async () => {
    const { email, password, session } = await registerOverHttp(server.app);
    const phone = await login(email, password);
    const response = await mutate(
      server.app,
      'auth.logout',
      { refreshToken: session.refreshToken },
      { token: session.accessToken },
    );
    expect(dataOf(response)).toEqual({ ok: true });
    expect(String(response.headers['set-cookie'])).toMatch(/budget_refresh=;/);
    expect(await meStatus(session.accessToken)).toBe(401);
    expect(await refreshStatus(session.refreshToken)).toBe(401);
    expect(await meStatus(phone.accessToken)).toBe(200);
    expect(await refreshStatus(phone.refreshToken)).toBe(200);
  });

  it('works without a body, revoking the login of the access token', async () => {
    const { session } = await registerOverHttp(server.app);
    const response = await mutate(server.app, 'auth.logout', undefined, {
      token: session.accessToken,
    });
    expect(response.statusCode).toBe(200);
    expect(await refreshStatus(session.refreshToken)).toBe(401);
  });

  it('cannot revoke another user’s login with their refresh token', async () => {
    const alice = await registerOverHttp(server.app, 'alice');
    const bob = await registerOverHttp(server.app, 'bob');
    await mutate(
      server.app,
      'auth.logout',
      { refreshToken: bob.session.refreshToken },
      { token: alice.session.accessToken },
    );
    expect(await meStatus(bob.session.accessToken)).toBe(200);
    expect(await refreshStatus(bob.session.refreshToken)).toBe(200);
  });

  it('needs a token', async () => {
    expect((await mutate(server.app, 'auth.logout', {})).statusCode).toBe(401);
  });

  it('rejects unknown keys', async () => {
    const { session } = await registerOverHttp(server.app);
    const response = await mutate(
      server.app,
      'auth.logout',
      { all: true },
      { token: session.accessToken },
    );
    expect(response.statusCode).toBe(400);
    expect(await meStatus(session.accessToken)).toBe(200);
  });
});

describe('auth.logoutAll', () => {
  it('revokes every login of the caller and says how many', async () => {
    const { email, password, session } = await registerOverHttp(server.app);
    const second = await login(email, password);
    const third = await login(email, password);
    const other = await registerOverHttp(server.app, 'other');
    const result = dataOf(
      await mutate(server.app, 'auth.logoutAll', undefined, { token: second.accessToken }),
    );
    expect(result).toEqual({ revoked: 3 });
    for (const s of [session, second, third]) {
      expect(await meStatus(s.accessToken)).toBe(401);
      expect(await refreshStatus(s.refreshToken)).toBe(401);
    }
    expect(await meStatus(other.session.accessToken)).toBe(200);
  });

  it('needs a token', async () => {
    expect((await mutate(server.app, 'auth.logoutAll')).statusCode).toBe(401);
  });
});

describe('auth.changePassword', () => {
  const newPassword = 'a brand new passphrase';

  it('returns a new session and revokes every other login', async () => {
    const { email, password, session } = await registerOverHttp(server.app);
    const laptop = await login(email, password);
    const fresh = dataOf<SessionBody>(
      await mutate(
        server.app,
        'auth.changePassword',
        { currentPassword: password, newPassword },
        { token: session.accessToken },
      ),
    );
    expect(await meStatus(fresh.accessToken)).toBe(200);
    for (const s of [session, laptop]) {
      expect(await meStatus(s.accessToken)).toBe(401);
      expect(await refreshStatus(s.refreshToken)).toBe(401);
    }
    expect((await mutate(server.app, 'auth.login', { email, password })).statusCode).toBe(401);
    expect(
      (await mutate(server.app, 'auth.login', { email, password: newPassword })).statusCode,
    ).toBe(200);
  });

  it('refuses a wrong current password with FORBIDDEN and changes nothing', async () => {
    const { email, password, session } = await registerOverHttp(server.app);
    const response = await mutate(
      server.app,
      'auth.changePassword',
      { currentPassword: 'not my password', newPassword },
      { token: session.accessToken },
    );
    expect(response.statusCode).toBe(403);
    expect(await meStatus(session.accessToken)).toBe(200);
    expect((await mutate(server.app, 'auth.login', { email, password })).statusCode).toBe(200);
  });

  it('refuses a too-short new password, the same password, no token and unknown keys', async () => {
    const { password, session } = await registerOverHttp(server.app);
    const token = session.accessToken;
    const cases = [
      [{ currentPassword: password, newPassword: 'short' }, token, 400],
      [{ currentPassword: password, newPassword: password }, token, 400],
      [{ currentPassword: password, newPassword }, undefined, 401],
      [{ currentPassword: password, newPassword, userId: session.user.id }, token, 400],
    ] as const;
    for (const [input, callToken, status] of cases) {
      const response = await mutate(server.app, 'auth.changePassword', input, {
        ...(callToken === undefined ? {} : { token: callToken }),
      });
      expect(response.statusCode).toBe(status);
    }
    expect(await meStatus(token)).toBe(200);
  });
});
