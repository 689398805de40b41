import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBudgetClient } from './create-budget-client.ts';
import {
  cookieJarFetch,
  recordingFetch,
  startApiServer,
  waitUntilExpired,
  type ApiServer,
} from '../test-setup/index.ts';
import { memoryTokenStore } from './token-store.ts';

const COOKIE = 'budget_refresh';
const REFRESH = '/trpc/auth.refresh';

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer({ accessTokenTtlSeconds: 1 });
});
afterAll(async () => {
  await server.close();
});

/** A browser tab: its own token store, sharing the browser's cookie jar. */
function browserTab(jar: ReturnType<typeof cookieJarFetch>) {
  const store = memoryTokenStore();
  const http = recordingFetch(jar.fetch);
  const onSessionEnd = vi.fn();
  const client = createBudgetClient({
    url: server.url,
    credentials: 'include',
    tokenStore: store,
    fetch: http.fetch,
    onSessionEnd,
  });
  return { client, store, http, onSessionEnd };
}

describe('cookie mode (credentials: include)', () => {
  it('stores only the access token: the refresh token stays in the HttpOnly cookie', async () => {
    const jar = cookieJarFetch();
    const { client, store } = browserTab(jar);
    const session = await client.auth.register.mutate({
      email: uniqueEmail(),
      password: TEST_PASSWORD,
    });

    expect(store.get()).toEqual({
      accessToken: session.accessToken,
      accessTokenExpiresAt: session.accessTokenExpiresAt,
      refreshTokenExpiresAt: session.refreshTokenExpiresAt,
    });
    expect(jar.cookies.get(COOKIE)).toBe(session.refreshToken);
  });

  it('refreshes an expired access token through the cookie, with no token in the body', async () => {
    const jar = cookieJarFetch();
    const { client, store, http } = browserTab(jar);
    const session = await client.auth.register.mutate({
      email: uniqueEmail(),
      password: TEST_PASSWORD,
    });
    await waitUntilExpired(store.get());

    expect(await client.auth.me.query()).toEqual(session.user);
    const refreshes = http.requests.filter((request) => request.path === REFRESH);
    expect(refreshes.map((request) => request.body)).toEqual(['{}']);
    expect(jar.cookies.get(COOKIE)).not.toBe(session.refreshToken);
    expect(store.get()?.refreshToken).toBeUndefined();
  });

  it('a new tab with no stored tokens resumes the session from the cookie', async () => {
    const jar = cookieJarFetch();
    const { client } = browserTab(jar);
    const session = await client.auth.register.mutate({
      email: uniqueEmail(),
      password: TEST_PASSWORD,
    });

    const newTab = browserTab(jar);
    expect(await newTab.client.auth.me.query()).toEqual(session.user);
    expect(newTab.store.get()?.accessToken).toEqual(expect.any(String));
  });

  it('logout clears the cookie too, so the session cannot be resumed', async () => {
    const jar = cookieJarFetch();
    const { client, store, onSessionEnd } = browserTab(jar);
    await client.auth.register.mutate({ email: uniqueEmail(), password: TEST_PASSWORD });

    await client.auth.logout.mutate();
    expect(jar.cookies.has(COOKIE)).toBe(false);
    expect(store.get()).toBeNull();
    expect(onSessionEnd.mock.calls).toEqual([['signed_out']]);
    await expect(browserTab(jar).client.auth.me.query()).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });
});
