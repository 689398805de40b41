import { DATABASE_RETRY_AFTER_SECONDS } from '@budget/api';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { createTestDeps, TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { createDb } from '@budget/db';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';
import { mutate, useTestServer, TEST_ORIGIN } from './testing/index.ts';

interface Envelope {
  error: { message: string; code: number; data: { code: string; httpStatus: number } };
}

/** The full tRPC error envelope: the right code number and name for the HTTP status. */
function expectEnvelope(
  status: number,
  body: string,
  code: keyof typeof TRPC_ERROR_CODES_BY_KEY,
): Envelope['error'] {
  const { error } = JSON.parse(body) as Envelope;
  expect(error).toMatchObject({
    code: TRPC_ERROR_CODES_BY_KEY[code],
    data: { code, httpStatus: status },
  });
  expect(error.message).toEqual(expect.any(String));
  return error;
}

function expectError(
  response: LightMyRequestResponse,
  status: number,
  code: keyof typeof TRPC_ERROR_CODES_BY_KEY,
): Envelope['error'] {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return expectEnvelope(status, response.body, code);
}

const server = useTestServer({
  deps: {
    rateLimits: {
      ...createTestDeps(createDb({})).rateLimits,
      loginPerClient: { limit: 2, windowSeconds: 600 },
    },
  },
});

describe('errors raised outside tRPC carry the tRPC envelope with the right code', () => {
  it('403 FORBIDDEN for a foreign origin', async () => {
    const response = await mutate(
      server.app,
      'auth.login',
      {},
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expectError(response, 403, 'FORBIDDEN');
  });

  it('404 NOT_FOUND for an unknown route', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/nope' });
    expectError(response, 404, 'NOT_FOUND');
  });

  it('413 PAYLOAD_TOO_LARGE for a body over the limit', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'x'.repeat(200 * 1024) }),
    });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('415 UNSUPPORTED_MEDIA_TYPE for a form body', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('414 for a procedure path over the router limit, as PAYLOAD_TOO_LARGE', async () => {
    const response = await server.app.inject({ method: 'GET', url: `/trpc/${'a'.repeat(6_000)}` });
    expectError(response, 414, 'PAYLOAD_TOO_LARGE');
  });

  it('431 for headers over Node’s limit, written by the server before Fastify runs', async () => {
    const address = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { status, body } = await new Promise<{ status: number; body: string }>(
      (resolve, reject) => {
        const req = httpRequest(`${address}/health`, {
          headers: { 'x-padding': 'p'.repeat(20 * 1024) },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: text });
          });
        });
        req.on('error', reject);
        req.end();
      },
    );
    expect(status).toBe(431);
    expectEnvelope(431, body, 'PAYLOAD_TOO_LARGE');
  });
});

describe('malformed JSON', () => {
  it('answers a body that is not JSON with 400 BAD_REQUEST and a plain message', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", ',
    });
    const error = expectError(response, 400, 'BAD_REQUEST');
    expect(error.message).toBe('Request body is not valid JSON');
  });

  it('answers a query input that is not JSON with 400 BAD_REQUEST', async () => {
    const response = await server.app.inject({
      method: 'GET',
      url: `/trpc/health.check?input=${encodeURIComponent('{nope')}`,
    });
    const error = expectError(response, 400, 'BAD_REQUEST');
    expect(error.message).toBe('The input query parameter is not valid JSON');
  });
});

describe('TOO_MANY_REQUESTS', () => {
  it('carries Retry-After in seconds', async () => {
    const login = () =>
      mutate(server.app, 'auth.login', { email: uniqueEmail(), password: TEST_PASSWORD });
    await login();
    await login();
    const response = await login();
    expectError(response, 429, 'TOO_MANY_REQUESTS');
    const retryAfter = Number(response.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
  });
});

describe('a database that cannot be reached', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, not 500, and leaks no detail', async () => {
    // A port nothing listens on: every connection is refused, as when PostgreSQL is down.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    const db = createDb({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/budget` });
    const app = await buildServer({
      deps: createTestDeps(db, { exposeInternalErrors: false }),
      corsOrigins: [TEST_ORIGIN],
      secureCookies: false,
    });
    try {
      const response = await mutate(app, 'auth.login', {
        email: uniqueEmail(),
        password: TEST_PASSWORD,
      });
      const error = expectError(response, 503, 'SERVICE_UNAVAILABLE');
      expect(error.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      expect(response.headers['retry-after']).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});
