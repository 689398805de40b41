import type { Session } from '@budget/api';
import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE_NAME } from './refresh-cookie.ts';
import {
  dataOf,
  errorCodeOf,
  mutate,
  query,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
} from './testing/index.ts';

const EVIL_ORIGIN = 'https://evil.example';

/** Bodies a page on another site can post without a CORS preflight (HTML forms, no-cors fetch). */
const SIMPLE_CONTENT_TYPES = ['urlencoded', 'text', 'multipart'] as const;
type SimpleContentType = (typeof SIMPLE_CONTENT_TYPES)[number];

function simpleBody(
  type: SimpleContentType,
  email: string,
): { contentType: string; payload: string } {
  const fields = { email, password: TEST_PASSWORD };
  switch (type) {
    case 'urlencoded':
      return {
        contentType: 'application/x-www-form-urlencoded',
        payload: new URLSearchParams(fields).toString(),
      };
    case 'text':
      // fetch(url, { mode: 'no-cors', body: JSON.stringify(...) }) sends exactly this.
      return { contentType: 'text/plain;charset=UTF-8', payload: JSON.stringify(fields) };
    case 'multipart': {
      const boundary = '----formboundary7MA4YWxk';
      const parts = Object.entries(fields).map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      );
      return {
        contentType: `multipart/form-data; boundary=${boundary}`,
        payload: `${parts.join('')}--${boundary}--\r\n`,
      };
    }
  }
}

describe('cross-site requests', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function userCount(): Promise<number> {
    const rows = await server.testDb.db.selectFrom('users').select('id').execute();
    return rows.length;
  }

  function post(
    path: string,
    { contentType, payload }: { contentType: string; payload: string },
    origin?: string,
  ) {
    return server.app.inject({
      method: 'POST',
      url: `/trpc/${path}`,
      headers: { 'content-type': contentType, ...(origin === undefined ? {} : { origin }) },
      payload,
    });
  }

  async function expectLoginFails(email: string): Promise<void> {
    const login = await mutate(server.app, 'auth.login', { email, password: TEST_PASSWORD });
    expect(login.statusCode).toBe(401);
  }

  /** Without Access-Control-Allow-Origin a browser hides the response from the foreign page. */
  function expectNoCorsGrant(response: LightMyRequestResponse): void {
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  }

  describe('form posts', () => {
    it('refuses a cross-site HTML form register (urlencoded, text/plain, multipart) with 403 and creates no user', async () => {
      for (const type of SIMPLE_CONTENT_TYPES) {
        const email = uniqueEmail('form');
        const before = await userCount();
        const response = await post('auth.register', simpleBody(type, email), EVIL_ORIGIN);
        expect(response.statusCode, type).toBe(403);
        expect(errorCodeOf(response)).toBe('FORBIDDEN');
        expectNoCorsGrant(response);
        expect(await userCount()).toBe(before);
        await expectLoginFails(email);
      }
    });

    it('refuses a cross-site HTML form login with 403 and issues no session', async () => {
      const email = uniqueEmail('victim');
      dataOf(await mutate(server.app, 'auth.register', { email, password: TEST_PASSWORD }));
      for (const type of SIMPLE_CONTENT_TYPES) {
        const response = await post('auth.login', simpleBody(type, email), EVIL_ORIGIN);
        expect(response.statusCode, type).toBe(403);
        expect(response.headers['set-cookie']).toBeUndefined();
        expect(response.body).not.toContain('accessToken');
      }
    });

    it('refuses a form body with 415 even without a foreign Origin, and creates no user', async () => {
      for (const origin of [undefined, TEST_ORIGIN]) {
        for (const type of SIMPLE_CONTENT_TYPES) {
          const email = uniqueEmail('form');
          const before = await userCount();
          const response = await post('auth.register', simpleBody(type, email), origin);
          expect(response.statusCode, type).toBe(415);
          expect(errorCodeOf(response)).toBe('UNSUPPORTED_MEDIA_TYPE');
          expect(await userCount()).toBe(before);
          await expectLoginFails(email);
        }
      }
    });
  });

  describe('Origin check', () => {
    it('refuses a JSON post from a foreign origin with 403 and creates no user', async () => {
      const email = uniqueEmail('json');
      const before = await userCount();
      const response = await mutate(
        server.app,
        'auth.register',
        { email, password: TEST_PASSWORD },
        { headers: { origin: EVIL_ORIGIN } },
      );
      expect(response.statusCode).toBe(403);
      expectNoCorsGrant(response);
      expect(await userCount()).toBe(before);
      await expectLoginFails(email);
    });

    it('accepts the web app served by this server: its Origin is the Host it calls', async () => {
      const own = await mutate(
        server.app,
        'auth.register',
        { email: uniqueEmail('own'), password: TEST_PASSWORD },
        { headers: { origin: 'http://budget.example:4000', host: 'budget.example:4000' } },
      );
      expect(own.statusCode).toBe(200);
      const other = await mutate(
        server.app,
        'auth.register',
        { email: uniqueEmail('other'), password: TEST_PASSWORD },
        { headers: { origin: 'http://evil.example:4000', host: 'budget.example:4000' } },
      );
      expect(other.statusCode).toBe(403);
    });

    it('refuses the opaque origin "null" (sandboxed frames, file: pages)', async () => {
      const response = await mutate(
        server.app,
        'auth.register',
        { email: uniqueEmail(), password: TEST_PASSWORD },
        { headers: { origin: 'null' } },
      );
      expect(response.statusCode).toBe(403);
    });

    it('refuses a cross-site query too, without granting CORS', async () => {
      const response = await query(server.app, 'health.check', undefined, {
        headers: { origin: EVIL_ORIGIN },
      });
      expect(response.statusCode).toBe(403);
      expectNoCorsGrant(response);
    });

    it('serves requests without an Origin header (curl, server-to-server)', async () => {
      const email = uniqueEmail('curl');
      const session = dataOf<Session>(
        await mutate(server.app, 'auth.register', { email, password: TEST_PASSWORD }),
      );
      expect(session.user.email).toBe(email);
      dataOf(await mutate(server.app, 'auth.login', { email, password: TEST_PASSWORD }));
    });

    it('serves requests from an allowed origin and grants it CORS with credentials', async () => {
      const response = await mutate(
        server.app,
        'auth.register',
        { email: uniqueEmail(), password: TEST_PASSWORD },
        { headers: { origin: TEST_ORIGIN } },
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
      expect(response.headers['access-control-allow-credentials']).toBe('true');
    });
  });

  describe('CORS preflight', () => {
    function preflight(origin: string) {
      return server.app.inject({
        method: 'OPTIONS',
        url: '/trpc/auth.register',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    }

    it('allows the configured origin with credentials', async () => {
      const response = await preflight(TEST_ORIGIN);
      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
      expect(response.headers['access-control-allow-credentials']).toBe('true');
      expect(String(response.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(response.headers['access-control-allow-headers'])).toMatch(/authorization/i);
    });

    it('never reflects a foreign origin', async () => {
      const response = await preflight(EVIL_ORIGIN);
      expectNoCorsGrant(response);
    });
  });

  describe('refresh cookie', () => {
    async function registerCookie(target: TestServer) {
      const response = await mutate(target.app, 'auth.register', {
        email: uniqueEmail('cookie'),
        password: TEST_PASSWORD,
      });
      const session = dataOf<Session>(response);
      const cookie = response.cookies.find((c) => c.name === REFRESH_COOKIE_NAME);
      return { session, cookie, raw: String(response.headers['set-cookie']) };
    }

    it('is HttpOnly, SameSite=Strict, scoped to /trpc and carries the refresh token', async () => {
      const { session, cookie, raw } = await registerCookie(server);
      expect(cookie).toMatchObject({
        value: session.refreshToken,
        httpOnly: true,
        sameSite: 'Strict',
        path: '/trpc',
      });
      expect(cookie?.secure).toBeUndefined();
      expect(raw).toMatch(/;\s*HttpOnly/i);
      expect(raw).toMatch(/;\s*SameSite=Strict/i);
      expect(raw).toMatch(/;\s*Path=\/trpc(;|$)/);
    });

    it('is also Secure when the server runs with secure cookies (production)', async () => {
      const secureServer = await startTestServer({ secureCookies: true });
      try {
        const { cookie, raw } = await registerCookie(secureServer);
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: true });
        expect(raw).toMatch(/;\s*Secure/i);
      } finally {
        await secureServer.close();
      }
    });
  });
});
