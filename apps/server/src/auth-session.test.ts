import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { describe, expect, it } from 'vitest';
import {
  dataOf,
  errorCodeOf,
  mutate,
  query,
  registerOverHttp,
  useTestServer,
  type SessionBody,
} from './testing/index.ts';

const server = useTestServer();

describe('auth.register', () => {
  it('creates the user and returns a working session', async () => {
    const email = uniqueEmail('new');
    const session = dataOf<SessionBody>(
      await mutate(server.app, 'auth.register', {
        email: `  ${email}  `,
        password: TEST_PASSWORD,
        displayName: 'Ada',
        currency: 'EUR',
      }),
    );
    expect(session.user).toMatchObject({ email, displayName: 'Ada', currency: 'EUR' });
    expect(Date.parse(session.accessTokenExpiresAt)).toBeGreaterThan(Date.now());
    expect(Date.parse(session.refreshTokenExpiresAt)).toBeGreaterThan(Date.now());
    const me = dataOf(
      await query(server.app, 'auth.me', undefined, { token: session.accessToken }),
    );
    expect(me).toEqual(session.user);
  });

  it('defaults the display name to the email name and the currency to USD', async () => {
    const email = uniqueEmail('defaults');
    const session = dataOf<SessionBody>(
      await mutate(server.app, 'auth.register', { email, password: TEST_PASSWORD }),
    );
    expect(session.user.displayName).toBe(email.split('@')[0]);
    expect(session.user.currency).toBe('USD');
  });

  it('refuses an email that exists in another letter case with CONFLICT', async () => {
    const { email } = await registerOverHttp(server.app);
    const again = await mutate(server.app, 'auth.register', {
      email: email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(again.statusCode).toBe(409);
    expect(errorCodeOf(again)).toBe('CONFLICT');
  });

  it.each([
    ['a password under 12 characters', { password: 'x'.repeat(11) }, 'password'],
    ['a password over 128 characters', { password: 'x'.repeat(129) }, 'password'],
    ['an invalid email', { email: 'not-an-email' }, 'email'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['a lower-case currency', { currency: 'usd' }, 'currency'],
    ['an empty display name', { displayName: '   ' }, 'displayName'],
  ])('rejects %s with a field error and creates nothing', async (_name, change, field) => {
    const email = uniqueEmail('bad');
    const response = await mutate(server.app, 'auth.register', {
      email,
      password: TEST_PASSWORD,
      ...change,
    });
    expect(response.statusCode).toBe(400);
    const body = response.json<{ error: { data: { zodError: { fieldErrors: object } } } }>();
    expect(Object.keys(body.error.data.zodError.fieldErrors)).toContain(field);
    const login = await mutate(server.app, 'auth.login', { email, password: TEST_PASSWORD });
    expect(login.statusCode).toBe(401);
  });

  it('accepts a 128-character password and uses it exactly as typed', async () => {
    const email = uniqueEmail('long');
    const password = ` ${'p'.repeat(126)} `;
    await mutate(server.app, 'auth.register', { email, password });
    const trimmed = await mutate(server.app, 'auth.login', { email, password: password.trim() });
    expect(trimmed.statusCode).toBe(401);
    const exact = await mutate(server.app, 'auth.login', { email, password });
    expect(exact.statusCode).toBe(200);
  });

  it('rejects unknown input keys such as ownerId (no mass assignment)', async () => {
    const email = uniqueEmail('mass');
    const response = await mutate(server.app, 'auth.register', {
      email,
      password: TEST_PASSWORD,
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(response.statusCode).toBe(400);
    expect(errorCodeOf(response)).toBe('BAD_REQUEST');
  });
});

describe('auth.login', () => {
  it('signs in with the email in any case and surrounding spaces', async () => {
    const { email } = await registerOverHttp(server.app);
    const session = dataOf<SessionBody>(
      await mutate(server.app, 'auth.login', {
        email: ` ${email.toUpperCase()} `,
        password: TEST_PASSWORD,
      }),
    );
    expect(session.user.email).toBe(email);
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const { email } = await registerOverHttp(server.app);
    const wrongPassword = await mutate(server.app, 'auth.login', {
      email,
      password: 'wrong password!!',
    });
    const unknownEmail = await mutate(server.app, 'auth.login', {
      email: uniqueEmail('nobody'),
      password: 'wrong password!!',
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(wrongPassword.statusCode);
    expect(unknownEmail.json()).toEqual(wrongPassword.json());
  });

  it('spends comparable time on an unknown email and on a wrong password', async () => {
    const { email } = await registerOverHttp(server.app);
    const time = async (loginEmail: string) => {
      const started = performance.now();
      await mutate(server.app, 'auth.login', { email: loginEmail, password: 'wrong password!!' });
      return performance.now() - started;
    };
    const median = (values: number[]) =>
      values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      known.push(await time(email));
      unknown.push(await time(uniqueEmail('nobody')));
    }
    // Both paths run one argon2id verification; without the dummy check the unknown path is ~100x faster.
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });
});

describe('auth.me and auth.updateProfile', () => {
  it('refuses auth.me without a token', async () => {
    const response = await query(server.app, 'auth.me');
    expect(response.statusCode).toBe(401);
    expect(errorCodeOf(response)).toBe('UNAUTHORIZED');
  });

  it('updates the display name and currency', async () => {
    const { session } = await registerOverHttp(server.app);
    const user = dataOf(
      await mutate(
        server.app,
        'auth.updateProfile',
        { displayName: 'Grace', currency: 'JPY' },
        { token: session.accessToken },
      ),
    );
    expect(user).toMatchObject({ id: session.user.id, displayName: 'Grace', currency: 'JPY' });
  });

  it('rejects a bad currency, unknown keys and a missing token, changing nothing', async () => {
    const { session } = await registerOverHttp(server.app);
    const token = session.accessToken;
    const badCurrency = await mutate(
      server.app,
      'auth.updateProfile',
      { currency: 'EURO' },
      { token },
    );
    expect(badCurrency.statusCode).toBe(400);
    const unknownKey = await mutate(
      server.app,
      'auth.updateProfile',
      { email: 'x@y.io' },
      { token },
    );
    expect(unknownKey.statusCode).toBe(400);
    const anonymous = await mutate(server.app, 'auth.updateProfile', { displayName: 'Eve' });
    expect(anonymous.statusCode).toBe(401);
    const me = dataOf(await query(server.app, 'auth.me', undefined, { token }));
    expect(me).toEqual(session.user);
  });
});

describe('secrets never leave the server', () => {
  it('no response carries a password hash or a stored token hash', async () => {
    const { email, session } = await registerOverHttp(server.app);
    const token = session.accessToken;
    const responses = [
      await mutate(server.app, 'auth.login', { email, password: TEST_PASSWORD }),
      await query(server.app, 'auth.me', undefined, { token }),
      await mutate(server.app, 'auth.updateProfile', { displayName: 'Hidden' }, { token }),
      await mutate(server.app, 'auth.refresh', { refreshToken: session.refreshToken }),
      await mutate(server.app, 'auth.login', { email, password: 'wrong password!!' }),
    ];
    const stored = await server.testDb.db
      .selectFrom('refreshTokens')
      .select('tokenHash')
      .where('ownerId', '=', session.user.id)
      .execute();
    const { passwordHash } = await server.testDb.db
      .selectFrom('users')
      .select('passwordHash')
      .where('id', '=', session.user.id)
      .executeTakeFirstOrThrow();
    expect(stored.length).toBeGreaterThan(0);
    for (const response of responses) {
      expect(response.body).not.toContain('$argon2');
      expect(response.body).not.toContain(passwordHash);
      expect(response.body).not.toMatch(/password_?hash/i);
      for (const { tokenHash } of stored) expect(response.body).not.toContain(tokenHash);
    }
  });
});
