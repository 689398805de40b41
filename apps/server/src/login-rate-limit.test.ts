import { uniqueEmail } from '@budget/api/testing';
import { describe, expect, it } from 'vitest';
import { errorCodeOf, mutate, registerOverHttp, useTestServer } from './testing/index.ts';

const rule = (limit: number) => ({ limit, windowSeconds: 60 });
const generous = rule(1_000);

const server = useTestServer({
  deps: {
    rateLimits: {
      loginPerClient: rule(8),
      loginPerEmail: rule(3),
      registerPerClient: rule(1_000),
      registerPerEmail: generous,
      refreshPerClient: generous,
      passwordCheckPerUser: rule(2),
    },
  },
});

const loginFrom = (ip: string, email: string, password: string) =>
  server.app.inject({
    method: 'POST',
    url: '/trpc/auth.login',
    remoteAddress: ip,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password }),
  });

describe('login rate limits', () => {
  it('answers TOO_MANY_REQUESTS after the per-email limit, even with the right password', async () => {
    const { email, password } = await registerOverHttp(server.app);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const response = await loginFrom(`10.0.0.${attempt}`, email, 'wrong password!!');
      expect(response.statusCode).toBe(401);
    }
    const blocked = await loginFrom('10.0.0.99', email.toUpperCase(), password);
    expect(blocked.statusCode).toBe(429);
    expect(errorCodeOf(blocked)).toBe('TOO_MANY_REQUESTS');
  });

  it('limits one client across many emails', async () => {
    const ip = '10.1.0.1';
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 9; attempt += 1) {
      statuses.push((await loginFrom(ip, uniqueEmail('spray'), 'wrong password!!')).statusCode);
    }
    expect(statuses.slice(0, 8).every((status) => status === 401)).toBe(true);
    expect(statuses[8]).toBe(429);
    const otherClient = await loginFrom('10.1.0.2', uniqueEmail('spray'), 'wrong password!!');
    expect(otherClient.statusCode).toBe(401);
  });

  it('limits password confirmations per signed-in user', async () => {
    const { session } = await registerOverHttp(server.app);
    const token = session.accessToken;
    const attempt = () =>
      mutate(server.app, 'auth.deleteAccount', { password: 'guess guess guess' }, { token });
    expect((await attempt()).statusCode).toBe(403);
    expect((await attempt()).statusCode).toBe(403);
    expect((await attempt()).statusCode).toBe(429);
  });
});
