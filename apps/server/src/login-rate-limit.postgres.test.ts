import { describe, expect, it } from 'vitest';
import { registerOverHttp, useTestServer } from './testing/index.ts';

const server = useTestServer({
  deps: {
    rateLimits: {
      loginPerClient: { limit: 1_000, windowSeconds: 60 },
      loginPerEmail: { limit: 4, windowSeconds: 60 },
      registerPerClient: { limit: 1_000, windowSeconds: 60 },
      registerPerEmail: { limit: 1_000, windowSeconds: 60 },
      refreshPerClient: { limit: 1_000, windowSeconds: 60 },
      passwordCheckPerUser: { limit: 1_000, windowSeconds: 60 },
    },
  },
});

describe('login rate limit across server instances', () => {
  it('holds across two instances on one database: the count is shared, not per process', async () => {
    const sibling = await server.startSibling();
    const { email } = await registerOverHttp(server.app);
    const login = (app: typeof sibling) =>
      app.inject({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email, password: 'wrong password!!' }),
      });
    const statuses = [];
    for (const app of [server.app, sibling, server.app, sibling, server.app, sibling]) {
      statuses.push((await login(app)).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('lets exactly one of concurrent refreshes win across two instances', async () => {
    const sibling = await server.startSibling();
    const { session } = await registerOverHttp(server.app);
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? server.app : sibling).inject({
          method: 'POST',
          url: '/trpc/auth.refresh',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ refreshToken: session.refreshToken }),
        }),
      ),
    );
    expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(1);
  });
});
