import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBudgetClient } from './create-budget-client.ts';
import {
  recordingFetch,
  startApiServer,
  waitUntilExpired,
  type ApiServer,
} from '../test-setup/index.ts';
import { memoryTokenStore, type StoredTokens, type TokenStore } from './token-store.ts';

const REFRESH = '/trpc/auth.refresh';

let server: ApiServer;
beforeAll(async () => {
  // Access tokens live 3 s: tests wait for a real expiry, and a fresh token outlives a slow call.
  server = await startApiServer({ accessTokenTtlSeconds: 3 });
});
afterAll(async () => {
  await server.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A memory store that also records what the client saved, in order. */
function savingStore(): TokenStore & { saved: (StoredTokens | null)[] } {
  const memory = memoryTokenStore();
  const saved: (StoredTokens | null)[] = [];
  return {
    saved,
    get: () => memory.get(),
    set: (tokens) => {
      saved.push(tokens);
      memory.set(tokens);
    },
  };
}

async function signedInClient(network?: typeof fetch) {
  const store = savingStore();
  const http = recordingFetch(network);
  const onSessionEnd = vi.fn();
  const client = createBudgetClient({
    url: server.url,
    tokenStore: store,
    fetch: http.fetch,
    onSessionEnd,
  });
  const email = uniqueEmail('refresh');
  const session = await client.auth.register.mutate({ email, password: TEST_PASSWORD });
  return { client, store, http, onSessionEnd, session, email };
}

describe('token refresh', () => {
  it('refreshes an expired access token transparently and saves the new tokens', async () => {
    const { client, store, http, session } = await signedInClient();
    await waitUntilExpired(store.get());

    expect(await client.auth.me.query()).toEqual(session.user);
    expect(http.count(REFRESH)).toBe(1);
    const refreshed = store.saved.at(-1);
    expect(refreshed?.accessToken).toEqual(expect.any(String));
    expect(refreshed?.accessToken).not.toBe(session.accessToken);
    // Refresh tokens rotate: the saved one is the new one.
    expect(refreshed?.refreshToken).not.toBe(session.refreshToken);
    expect(store.get()).toEqual(refreshed);
  });

  it('5 concurrent calls with an expired token share exactly one refresh and all succeed', async () => {
    const { client, store, http, session } = await signedInClient();
    await waitUntilExpired(store.get());

    const users = await Promise.all(Array.from({ length: 5 }, () => client.auth.me.query()));
    expect(users).toEqual(Array.from({ length: 5 }, () => session.user));
    expect(http.count(REFRESH)).toBe(1);
  });

  it('a call whose expired token was replaced meanwhile retries without a second refresh', async () => {
    // Two calls go out separately with the same expired token; the second's 401 is held back
    // until the first call's refresh is done, so it arrives with a newer token in the store.
    let firstSent!: () => void;
    const secondSent = new Promise<void>((resolve) => (firstSent = resolve));
    let refreshDone!: () => void;
    const refreshed = new Promise<void>((resolve) => (refreshDone = resolve));
    let meRequests = 0;
    const slowNetwork: typeof fetch = async (input, init) => {
      const path = new URL(input instanceof Request ? input.url : input).pathname;
      const nth = path === '/trpc/auth.me' ? ++meRequests : 0;
      if (nth === 2) firstSent();
      const response = await fetch(input, init);
      if (nth === 1) await secondSent;
      if (nth === 2) await refreshed.then(() => sleep(50));
      if (path === REFRESH) refreshDone();
      return response;
    };
    const { client, store, http, session } = await signedInClient(slowNetwork);
    await waitUntilExpired(store.get());

    const first = client.auth.me.query();
    await sleep(5);
    const second = client.auth.me.query();
    expect(await Promise.all([first, second])).toEqual([session.user, session.user]);
    expect(http.count(REFRESH)).toBe(1);
    expect(meRequests).toBe(4);
  });

  it('a dead refresh token ends the session once: UNAUTHORIZED, onSessionEnd, tokens cleared', async () => {
    const { client, store, http, onSessionEnd, email } = await signedInClient();
    const otherDevice = createBudgetClient({ url: server.url });
    await otherDevice.auth.login.mutate({ email, password: TEST_PASSWORD });
    await otherDevice.auth.logoutAll.mutate();

    const calls = await Promise.allSettled([
      client.auth.me.query(),
      client.auth.me.query(),
      client.auth.updateProfile.mutate({ displayName: 'Nope' }),
    ]);
    for (const call of calls) {
      expect(call).toMatchObject({
        status: 'rejected',
        reason: { data: { code: 'UNAUTHORIZED' } },
      });
    }
    expect(http.count(REFRESH)).toBe(1);
    expect(onSessionEnd.mock.calls).toEqual([['expired']]);
    expect(store.get()).toBeNull();
  });

  it('a refresh that cannot reach the server keeps the session for a later retry', async () => {
    const { client, store, http, onSessionEnd, session } = await signedInClient();
    await waitUntilExpired(store.get());

    http.failPath = REFRESH;
    const offline = await client.auth.me.query().catch((error: unknown) => error);
    expect(offline).toMatchObject({ name: 'TRPCClientError', cause: { message: 'fetch failed' } });
    expect(store.get()?.accessToken).toBe(session.accessToken);
    expect(onSessionEnd).not.toHaveBeenCalled();

    http.failPath = undefined;
    expect(await client.auth.me.query()).toEqual(session.user);
    expect(http.count(REFRESH)).toBe(2);
  });
});
