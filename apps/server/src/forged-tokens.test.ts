import { randomBytes, randomUUID } from 'node:crypto';
import type { Session } from '@budget/api';
import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { decodeJwt, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dataOf,
  errorCodeOf,
  mutate,
  query,
  startTestServer,
  type TestServer,
} from './testing/index.ts';

describe('forged and misused access tokens', () => {
  let server: TestServer;
  let session: Session;

  beforeAll(async () => {
    server = await startTestServer();
    session = dataOf<Session>(
      await mutate(server.app, 'auth.register', { email: uniqueEmail(), password: TEST_PASSWORD }),
    );
  });
  afterAll(() => server.close());

  const nowSeconds = () => Math.floor(Date.now() / 1000);

  /** Claims exactly like a real access token of the registered user, unless overridden. */
  function claims(overrides: JWTPayload = {}): JWTPayload {
    return {
      iss: server.deps.auth.issuer,
      aud: server.deps.auth.audience,
      sub: session.user.id,
      sid: decodeJwt(session.accessToken).sid,
      jti: randomUUID(),
      iat: nowSeconds(),
      exp: nowSeconds() + 600,
      ...overrides,
    };
  }

  function sign(
    payload: JWTPayload,
    {
      secret = server.deps.auth.jwtSecret,
      typ = 'at+jwt',
    }: { secret?: Uint8Array; typ?: string } = {},
  ): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ }).sign(secret);
  }

  async function expectRefused(token: string | undefined, headers: Record<string, string> = {}) {
    const response = await query(server.app, 'auth.me', undefined, { token, headers });
    expect(response.statusCode).toBe(401);
    expect(errorCodeOf(response)).toBe('UNAUTHORIZED');
  }

  it('accepts the real access token (positive control)', async () => {
    const response = await query(server.app, 'auth.me', undefined, { token: session.accessToken });
    expect(dataOf<{ id: string }>(response).id).toBe(session.user.id);
  });

  it('accepts a token this test signs with the right secret and claims (the forgeries below differ in one thing)', async () => {
    const response = await query(server.app, 'auth.me', undefined, { token: await sign(claims()) });
    expect(dataOf<{ id: string }>(response).id).toBe(session.user.id);
  });

  it('refuses a request without a token', async () => {
    await expectRefused(undefined);
  });

  it('refuses garbage as a Bearer token and a non-Bearer scheme', async () => {
    await expectRefused('not-a-token');
    await expectRefused('a.b.c');
    await expectRefused(undefined, { authorization: `Basic ${session.accessToken}` });
  });

  it('refuses an unsigned token with alg "none"', async () => {
    const header = base64url({ alg: 'none', typ: 'at+jwt' });
    await expectRefused(`${header}.${base64url(claims())}.`);
  });

  it('refuses a well-formed token signed with another secret', async () => {
    await expectRefused(await sign(claims(), { secret: randomBytes(32) }));
  });

  it('refuses a token from another issuer', async () => {
    await expectRefused(await sign(claims({ iss: 'someone-else' })));
  });

  it('refuses a token meant for another audience', async () => {
    await expectRefused(await sign(claims({ aud: 'another-api' })));
  });

  it('refuses an expired token even with a valid signature', async () => {
    await expectRefused(await sign(claims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })));
  });

  it('refuses a token whose typ header is not at+jwt', async () => {
    await expectRefused(await sign(claims(), { typ: 'JWT' }));
  });

  it('refuses the refresh token used as a Bearer access token', async () => {
    await expectRefused(session.refreshToken);
  });

  it('refuses a validly signed token whose login does not exist', async () => {
    await expectRefused(await sign(claims({ sid: randomUUID() })));
  });

  it('refuses a validly signed token whose user does not exist', async () => {
    await expectRefused(await sign(claims({ sub: randomUUID() })));
  });
});

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
