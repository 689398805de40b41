import { silentLogger } from '@budget/api';
import { setUserDisabled } from '@budget/api/admin';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, mutate, query, registerOverHttp, useTestServer } from './testing/index.ts';

const server = useTestServer();

const meStatus = async (token: string) =>
  (await query(server.app, 'auth.me', undefined, { token })).statusCode;

describe('a disabled user', () => {
  it('is locked out at once: access token, refresh and login all fail; enabling restores login', async () => {
    const { email, password, session } = await registerOverHttp(server.app);
    expect(await meStatus(session.accessToken)).toBe(200);

    await setUserDisabled(
      { db: server.testDb.db, log: silentLogger },
      { userId: session.user.id, disabled: true },
    );

    expect(await meStatus(session.accessToken)).toBe(401);
    const refresh = await mutate(server.app, 'auth.refresh', {
      refreshToken: session.refreshToken,
    });
    expect(refresh.statusCode).toBe(401);
    const login = await mutate(server.app, 'auth.login', { email, password });
    expect(login.statusCode).toBe(403);
    expect(errorCodeOf(login)).toBe('FORBIDDEN');

    await setUserDisabled(
      { db: server.testDb.db, log: silentLogger },
      { userId: session.user.id, disabled: false },
    );
    expect((await mutate(server.app, 'auth.login', { email, password })).statusCode).toBe(200);
  });

  it('tells a disabled account apart only after the right password', async () => {
    const { email, session } = await registerOverHttp(server.app);
    await setUserDisabled(
      { db: server.testDb.db, log: silentLogger },
      { userId: session.user.id, disabled: true },
    );
    const wrong = await mutate(server.app, 'auth.login', { email, password: 'wrong password!!' });
    expect(wrong.statusCode).toBe(401);
  });
});

describe('auth.deleteAccount', () => {
  it('removes the user and their logins; their access token stops working at once', async () => {
    const { email, password, session } = await registerOverHttp(server.app);
    const other = await registerOverHttp(server.app, 'bystander');
    const response = await mutate(
      server.app,
      'auth.deleteAccount',
      { password },
      { token: session.accessToken },
    );
    expect(response.json()).toEqual({ result: { data: { ok: true } } });
    expect(await meStatus(session.accessToken)).toBe(401);
    expect((await mutate(server.app, 'auth.login', { email, password })).statusCode).toBe(401);
    const rows = await server.testDb.db
      .selectFrom('logins')
      .select('id')
      .where('ownerId', '=', session.user.id)
      .execute();
    expect(rows).toEqual([]);
    expect(await meStatus(other.session.accessToken)).toBe(200);
  });

  it('refuses a wrong password with FORBIDDEN and deletes nothing', async () => {
    const { session } = await registerOverHttp(server.app);
    const response = await mutate(
      server.app,
      'auth.deleteAccount',
      { password: 'not my password' },
      { token: session.accessToken },
    );
    expect(response.statusCode).toBe(403);
    expect(await meStatus(session.accessToken)).toBe(200);
  });

  it('refuses no token, a missing password and unknown keys', async () => {
    const { password, session } = await registerOverHttp(server.app);
    const token = session.accessToken;
    expect((await mutate(server.app, 'auth.deleteAccount', { password })).statusCode).toBe(401);
    expect((await mutate(server.app, 'auth.deleteAccount', {}, { token })).statusCode).toBe(400);
    const extra = await mutate(
      server.app,
      'auth.deleteAccount',
      { password, userId: session.user.id },
      { token },
    );
    expect(extra.statusCode).toBe(400);
    expect(await meStatus(token)).toBe(200);
  });
});
