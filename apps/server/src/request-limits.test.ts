import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorCodeOf, mutate, startTestServer, type TestServer } from './testing/index.ts';

const KIB = 1024;
const MAX_BATCH = 10;

describe('request limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function userCount(): Promise<number> {
    const rows = await server.testDb.db.selectFrom('users').select('id').execute();
    return rows.length;
  }

  /** Valid register JSON, padded with insignificant whitespace to about `size` bytes. */
  function paddedRegisterBody(email: string, size: number): string {
    const json = JSON.stringify({ email, password: TEST_PASSWORD });
    return `${json.slice(0, -1)}${' '.repeat(Math.max(0, size - json.length))}}`;
  }

  function postJson(path: string, payload: string): Promise<LightMyRequestResponse> {
    return server.app.inject({
      method: 'POST',
      url: `/trpc/${path}`,
      headers: { 'content-type': 'application/json' },
      payload,
    });
  }

  /** GET /trpc/a,b,c?batch=1&input={} as tRPC's batch link sends calls without input. */
  function batchQuery(path: string, count: number): { url: string; pathLength: number } {
    const paths = Array.from({ length: count }, () => path).join(',');
    return {
      url: `/trpc/${paths}?batch=1&input=${encodeURIComponent('{}')}`,
      pathLength: paths.length,
    };
  }

  function expectBatchRefused(response: LightMyRequestResponse): void {
    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe('BAD_REQUEST');
    // One error for the whole request, not one result per call: nothing was dispatched.
    expect(response.json<{ error: { message: string } }>().error.message).toMatch(/batch/i);
  }

  /** POST /trpc/a,b,c?batch=1 with body {"0":…,"1":…} */
  function batchMutation(path: string, inputs: unknown[]): Promise<LightMyRequestResponse> {
    const paths = inputs.map(() => path).join(',');
    return postJson(
      `${paths}?batch=1`,
      JSON.stringify(Object.fromEntries(inputs.map((input, i) => [i, input]))),
    );
  }

  const registrations = (count: number) =>
    Array.from({ length: count }, () => ({ email: uniqueEmail('batch'), password: TEST_PASSWORD }));

  describe('body size', () => {
    it('answers a body over 100 KiB with 413 PAYLOAD_TOO_LARGE and runs nothing', async () => {
      const email = uniqueEmail('big');
      const before = await userCount();
      const response = await postJson('auth.register', paddedRegisterBody(email, 200 * KIB));
      expect(response.statusCode).toBe(413);
      expect(errorCodeOf(response)).toBe('PAYLOAD_TOO_LARGE');
      expect(await userCount()).toBe(before);
      const login = await mutate(server.app, 'auth.login', { email, password: TEST_PASSWORD });
      expect(login.statusCode).toBe(401);
    });

    it('answers an oversized login with 413 too', async () => {
      const response = await postJson('auth.login', paddedRegisterBody(uniqueEmail(), 200 * KIB));
      expect(response.statusCode).toBe(413);
      expect(errorCodeOf(response)).toBe('PAYLOAD_TOO_LARGE');
    });

    it('accepts the same padded body under the limit (control: padding alone is harmless)', async () => {
      const response = await postJson('auth.register', paddedRegisterBody(uniqueEmail(), 50 * KIB));
      expect(response.statusCode).toBe(200);
    });
  });

  describe('batching', () => {
    it(`refuses a GET batch of ${MAX_BATCH + 1} calls with 400`, async () => {
      const response = await server.app.inject({
        method: 'GET',
        url: batchQuery('health.check', MAX_BATCH + 1).url,
      });
      expectBatchRefused(response);
    });

    it(`refuses a POST batch of ${MAX_BATCH + 1} mutations with 400 before any of them runs`, async () => {
      const inputs = registrations(MAX_BATCH + 1);
      const before = await userCount();
      const response = await batchMutation('auth.register', inputs);
      expectBatchRefused(response);
      expect(await userCount()).toBe(before);
    });

    it(`serves a GET batch of exactly ${MAX_BATCH} calls whose path is longer than 100 characters`, async () => {
      const { url, pathLength } = batchQuery('health.check', MAX_BATCH);
      expect(pathLength).toBeGreaterThan(100);
      const response = await server.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const results = response.json<{ result: { data: { status: string } } }[]>();
      expect(results).toHaveLength(MAX_BATCH);
      expect(results.every((r) => r.result.data.status === 'ok')).toBe(true);
    });

    it(`runs every call of a POST batch of exactly ${MAX_BATCH} mutations`, async () => {
      const before = await userCount();
      const response = await batchMutation('auth.register', registrations(MAX_BATCH));
      expect(response.statusCode).toBe(200);
      expect(response.json<unknown[]>()).toHaveLength(MAX_BATCH);
      expect(await userCount()).toBe(before + MAX_BATCH);
    });
  });

  describe('strict inputs', () => {
    async function expectUnknownKeyRefused(
      path: string,
      input: Record<string, unknown>,
      key: string,
    ) {
      const response = await mutate(server.app, path, input);
      expect(response.statusCode).toBe(400);
      expect(errorCodeOf(response)).toBe('BAD_REQUEST');
      const { zodError } = response.json<{ error: { data: { zodError: unknown } } }>().error.data;
      expect(zodError).toEqual(expect.any(Object));
      expect(JSON.stringify(zodError)).toContain(key);
    }

    it('refuses register with an unknown ownerId key (no mass assignment) and creates no user', async () => {
      const email = uniqueEmail('mass');
      const before = await userCount();
      await expectUnknownKeyRefused(
        'auth.register',
        { email, password: TEST_PASSWORD, ownerId: crypto.randomUUID() },
        'ownerId',
      );
      expect(await userCount()).toBe(before);
    });

    it('refuses login with an unknown key', async () => {
      const email = uniqueEmail();
      dataOf(await mutate(server.app, 'auth.register', { email, password: TEST_PASSWORD }));
      await expectUnknownKeyRefused(
        'auth.login',
        { email, password: TEST_PASSWORD, isAdmin: true },
        'isAdmin',
      );
    });
  });

  describe('response headers', () => {
    const sampleRequests = {
      'a health check': () => server.app.inject({ method: 'GET', url: '/health' }),
      'a tRPC query': () => server.app.inject({ method: 'GET', url: '/trpc/health.check' }),
      'a tRPC error': () => mutate(server.app, 'auth.login', {}),
      'an unknown route': () => server.app.inject({ method: 'GET', url: '/nope' }),
      'an oversized body': () =>
        postJson('auth.login', paddedRegisterBody(uniqueEmail(), 200 * KIB)),
    };

    it.each(Object.entries(sampleRequests))(
      'sets helmet security headers on %s',
      async (_, send) => {
        const response = await send();
        expect(response.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'SAMEORIGIN',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
        });
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['x-powered-by']).toBeUndefined();
      },
    );

    it.each(Object.entries(sampleRequests))(
      'sets a generated x-request-id on %s',
      async (_, send) => {
        const response = await send();
        expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      },
    );

    it('gives every request its own id', async () => {
      const ids = await Promise.all(
        [1, 2, 3].map(
          async () => (await sampleRequests['a health check']()).headers['x-request-id'],
        ),
      );
      expect(new Set(ids).size).toBe(3);
    });

    it('echoes a valid incoming x-request-id', async () => {
      const id = 'edge-proxy:7f3a.42_b';
      const response = await server.app.inject({
        method: 'GET',
        url: '/trpc/health.check',
        headers: { 'x-request-id': id },
      });
      expect(response.headers['x-request-id']).toBe(id);
    });

    it.each([
      ['with spaces', 'evil id with spaces'],
      ['with log-forging characters', 'id"}\\n{"level":60'],
      ['longer than 128 characters', 'a'.repeat(129)],
    ])('replaces an incoming x-request-id %s with a generated one', async (_, id) => {
      const response = await server.app.inject({
        method: 'GET',
        url: '/health',
        headers: { 'x-request-id': id },
      });
      expect(response.headers['x-request-id']).not.toBe(id);
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});
