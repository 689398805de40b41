import type { ApiDeps, AuthSettings } from '@budget/api';
import type { AdminUser } from '@budget/api/admin';
import { callerFor, createTestDeps } from '@budget/api/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, migratedDatabase, runAdmin, type Target } from './testing/run-admin.ts';

const ALICE_PASSWORD = 'alice original password';
const ALICE_NEW_PASSWORD = 'alice brand new password';

describe('budget-admin user:create, user:list, user:disable, user:enable, user:reset-password', () => {
  let target: Target;
  let auth: AuthSettings | undefined;
  let alice: AdminUser;
  let bob: AdminUser;
  let bobPassword: string;

  beforeAll(async () => {
    target = await migratedDatabase();
  });
  afterAll(() => target.cleanup());

  /** The API on the CLI's database, signing tokens with the same key every time it is opened. */
  function withApi<T>(use: (deps: ApiDeps) => Promise<T>): Promise<T> {
    return target.inspect((db) => {
      const deps = createTestDeps(db, auth === undefined ? {} : { auth });
      auth = deps.auth;
      return use(deps);
    });
  }

  const login = (deps: ApiDeps, email: string, password: string) =>
    callerFor(deps).auth.login({ email, password });

  it('user:create makes a user who can sign in, with the default categories', async () => {
    const run = await runAdmin(
      [
        'user:create',
        '--email',
        'Alice@Example.com',
        '--password-stdin',
        '--display-name',
        'Alice A',
        '--currency',
        'EUR',
        '--json',
      ],
      target.env,
      { stdin: `${ALICE_PASSWORD}\n` },
    );

    const output = jsonOf(run) as { user: AdminUser; password?: string };
    alice = output.user;
    expect(output).not.toHaveProperty('password');
    expect(alice).toMatchObject({
      email: 'Alice@Example.com',
      displayName: 'Alice A',
      currency: 'EUR',
      disabled: false,
    });
    await withApi(async (deps) => {
      const session = await login(deps, 'alice@example.com', ALICE_PASSWORD);
      expect(session.user.id).toBe(alice.id);
      const categories = await callerFor(deps, session.accessToken).categories.list({});
      expect(categories.map((category) => category.name)).toContain('Groceries');
    });
  });

  it('without a password option generates one, prints it once, and it works', async () => {
    const run = await runAdmin(['user:create', '--email', 'bob@example.com'], target.env);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Created user bob@example.com \(id [0-9a-f-]{36}\)\.\n/);
    bobPassword = /shown only this once\): (\S+)\n/.exec(run.stdout)?.[1] ?? '';
    expect(bobPassword.length).toBeGreaterThanOrEqual(12);
    await withApi(async (deps) => {
      const session = await login(deps, 'bob@example.com', bobPassword);
      // The same defaults as sign-up.
      expect(session.user).toMatchObject({ displayName: 'bob', currency: 'USD' });
    });
  });

  it('refuses an email that exists in any case (exit 1) and a short password (exit 2)', async () => {
    const taken = await runAdmin(
      ['user:create', '--email', 'ALICE@example.com', '--password', 'another long password'],
      target.env,
    );
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe(
      'budget-admin user:create: An account with this email already exists\n',
    );

    const short = await runAdmin(
      ['user:create', '--email', 'carol@example.com', '--password', 'too short'],
      target.env,
    );
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('password: must be at least 12 characters');
    expect(short.stderr).toContain('Usage: budget-admin user:create');
  });

  it('user:list streams every user, oldest first, as JSON or as a table', async () => {
    const json = await runAdmin(['user:list', '--json', '--page-size', '1'], target.env);
    const users = jsonOf(json) as AdminUser[];
    expect(users.map((user) => user.email)).toEqual(['Alice@Example.com', 'bob@example.com']);
    expect(users[0]).toEqual(alice);
    bob = users[1] ?? bob;
    expect(Object.keys(users[1] ?? {}).sort()).toEqual(
      ['createdAt', 'currency', 'disabled', 'displayName', 'email', 'id', 'timeZone'].sort(),
    );

    const table = await runAdmin(['user:list'], target.env);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toMatch(/^ID +CREATED AT +CUR +STATUS +EMAIL +DISPLAY NAME\n/);
    expect(table.stdout).toContain(`${alice.id}  ${alice.createdAt}  EUR  active    Alice@`);
    expect(table.stdout).toMatch(/\n2 users\n$/);
  });

  it('user:disable stops sign-in and the tokens at once; user:enable restores both', async () => {
    const [first, second] = await withApi((deps) =>
      Promise.all([
        login(deps, alice.email, ALICE_PASSWORD),
        login(deps, alice.email, ALICE_PASSWORD),
      ]),
    );

    const disabled = await runAdmin(
      ['user:disable', '--email', 'alice@EXAMPLE.com', '--json'],
      target.env,
    );
    expect((jsonOf(disabled) as { user: AdminUser }).user).toEqual({ ...alice, disabled: true });
    await withApi(async (deps) => {
      await expect(login(deps, alice.email, ALICE_PASSWORD)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(callerFor(deps, first.accessToken).auth.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      await expect(
        callerFor(deps).auth.refresh({ refreshToken: second.refreshToken }),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    });

    const enabled = await runAdmin(['user:enable', '--id', alice.id, '--json'], target.env);
    expect((jsonOf(enabled) as { user: AdminUser }).user).toEqual(alice);
    await withApi(async (deps) => {
      await expect(callerFor(deps, first.accessToken).auth.me()).resolves.toMatchObject({
        id: alice.id,
      });
      await expect(login(deps, alice.email, ALICE_PASSWORD)).resolves.toBeDefined();
    });
  });

  it('user:reset-password sets the new password and revokes every login', async () => {
    const { session, live } = await withApi(async (deps) => {
      const session = await login(deps, alice.email, ALICE_PASSWORD);
      const live = await deps.db
        .selectFrom('logins')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ownerId', '=', alice.id)
        .where('revokedAt', 'is', null)
        .executeTakeFirstOrThrow();
      return { session, live: live.n };
    });

    const run = await runAdmin(
      ['user:reset-password', '--email', alice.email, '--password-stdin', '--json'],
      target.env,
      { stdin: `${ALICE_NEW_PASSWORD}\n` },
    );
    const output = jsonOf(run) as { revokedLogins: number; password?: string };
    expect(output).toEqual({ user: alice, revokedLogins: live });
    expect(live).toBeGreaterThan(0);
    await withApi(async (deps) => {
      await expect(callerFor(deps, session.accessToken).auth.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      await expect(
        callerFor(deps).auth.refresh({ refreshToken: session.refreshToken }),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(login(deps, alice.email, ALICE_PASSWORD)).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
      await expect(login(deps, alice.email, ALICE_NEW_PASSWORD)).resolves.toBeDefined();
    });
  });

  it('user:reset-password without --password-stdin generates a password and prints it once', async () => {
    const run = await runAdmin(['user:reset-password', '--id', bob.id, '--json'], target.env);

    const { password } = jsonOf(run) as { password: string };
    expect(password).not.toBe(bobPassword);
    await withApi(async (deps) => {
      await expect(login(deps, bob.email, password)).resolves.toBeDefined();
      await expect(login(deps, bob.email, bobPassword)).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    });
  });

  it('a user that does not exist is a failed operation: exit 1, one line', async () => {
    const run = await runAdmin(['user:disable', '--email', 'nobody@example.com'], target.env);

    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'budget-admin user:disable: User not found\n',
    });
  });
});
