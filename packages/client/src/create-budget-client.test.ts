import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBudgetClient } from './create-budget-client.ts';
import {
  MemoryStorage,
  recordingFetch,
  startApiServer,
  type ApiServer,
} from '../test-setup/index.ts';
import { memoryTokenStore } from './token-store.ts';
import { webStorageTokenStore } from './web-storage-token-store.ts';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

const credentials = () => ({ email: uniqueEmail('client'), password: TEST_PASSWORD });

describe('createBudgetClient', () => {
  it('keeps the session from a sign-in and attaches its access token to later calls', async () => {
    const store = memoryTokenStore();
    const http = recordingFetch();
    const client = createBudgetClient({ url: server.url, tokenStore: store, fetch: http.fetch });
    const signUp = credentials();
    await client.auth.register.mutate(signUp);
    await client.auth.logout.mutate();

    const session = await client.auth.login.mutate(signUp);
    expect(store.get()).toEqual({
      accessToken: session.accessToken,
      accessTokenExpiresAt: session.accessTokenExpiresAt,
      refreshToken: session.refreshToken,
      refreshTokenExpiresAt: session.refreshTokenExpiresAt,
    });

    const me = await client.auth.me.query();
    expect(me).toEqual(session.user);
    const meRequest = http.requests.find((request) => request.path === '/trpc/auth.me');
    expect(meRequest?.headers.get('authorization')).toBe(`Bearer ${session.accessToken}`);
  });

  it('restores the session from storage in a new client instance', async () => {
    const storage = new MemoryStorage();
    const first = createBudgetClient({
      url: server.url,
      tokenStore: webStorageTokenStore(storage),
    });
    const session = await first.auth.register.mutate(credentials());

    const afterReload = createBudgetClient({
      url: server.url,
      tokenStore: webStorageTokenStore(storage),
    });
    expect(await afterReload.auth.me.query()).toEqual(session.user);
  });

  it('starts from tokens saved earlier', async () => {
    const { accessToken, refreshToken, user } = await createBudgetClient({
      url: server.url,
    }).auth.register.mutate(credentials());

    const client = createBudgetClient({
      url: server.url,
      tokenStore: memoryTokenStore({ accessToken, refreshToken }),
    });
    expect(await client.auth.me.query()).toEqual(user);
  });

  it('a password change keeps the client signed in with the new session', async () => {
    const store = memoryTokenStore();
    const client = createBudgetClient({ url: server.url, tokenStore: store });
    const signUp = credentials();
    const before = await client.auth.register.mutate(signUp);

    const after = await client.auth.changePassword.mutate({
      currentPassword: signUp.password,
      newPassword: `${signUp.password} v2`,
    });
    expect(store.get()?.accessToken).toBe(after.accessToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(await client.auth.me.query()).toEqual(before.user);
  });

  it('logout clears the tokens and reports signed_out; later calls fail without a refresh', async () => {
    const store = memoryTokenStore();
    const http = recordingFetch();
    const onSessionEnd = vi.fn();
    const client = createBudgetClient({
      url: server.url,
      tokenStore: store,
      fetch: http.fetch,
      onSessionEnd,
    });
    await client.auth.register.mutate(credentials());

    await client.auth.logout.mutate();
    expect(store.get()).toBeNull();
    expect(onSessionEnd.mock.calls).toEqual([['signed_out']]);

    await expect(client.auth.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(http.count('/trpc/auth.refresh')).toBe(0);
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
  });

  it('deleteAccount ends the session with account_deleted', async () => {
    const onSessionEnd = vi.fn();
    const store = memoryTokenStore();
    const client = createBudgetClient({ url: server.url, tokenStore: store, onSessionEnd });
    const signUp = credentials();
    await client.auth.register.mutate(signUp);

    await client.auth.deleteAccount.mutate({ password: signUp.password });
    expect(store.get()).toBeNull();
    expect(onSessionEnd.mock.calls).toEqual([['account_deleted']]);
  });

  it('a wrong password surfaces UNAUTHORIZED at once: sign-in errors never trigger a refresh', async () => {
    const http = recordingFetch();
    const onSessionEnd = vi.fn();
    const client = createBudgetClient({ url: server.url, fetch: http.fetch, onSessionEnd });
    const signUp = credentials();
    await client.auth.register.mutate(signUp);

    await expect(
      client.auth.login.mutate({ email: signUp.email, password: 'not the password' }),
    ).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    expect(http.count('/trpc/auth.refresh')).toBe(0);
    expect(onSessionEnd).not.toHaveBeenCalled();
  });

  it('sends the extra headers with every request, next to the access token', async () => {
    const http = recordingFetch();
    const client = createBudgetClient({
      url: `${server.url}/`,
      fetch: http.fetch,
      headers: () => ({ 'x-request-id': 'req-42' }),
    });
    const session = await client.auth.register.mutate(credentials());
    await client.auth.me.query();

    const [register, me] = http.requests;
    expect(register?.headers.get('x-request-id')).toBe('req-42');
    expect(me?.headers.get('x-request-id')).toBe('req-42');
    expect(me?.headers.get('authorization')).toBe(`Bearer ${session.accessToken}`);
  });

  it('batches calls made together into one request', async () => {
    const http = recordingFetch();
    const client = createBudgetClient({ url: server.url, fetch: http.fetch });
    await client.auth.register.mutate(credentials());
    http.requests.length = 0;

    const results = await Promise.all(
      Array.from({ length: 12 }, () => client.health.check.query()),
    );
    expect(results.map((result) => result.status)).toEqual(Array.from({ length: 12 }, () => 'ok'));
    // The server accepts at most 10 calls per batch: 12 calls go in two requests.
    expect(http.requests).toHaveLength(2);
  });
});
