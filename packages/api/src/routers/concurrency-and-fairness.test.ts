import { describe, expect, it } from 'vitest';
import { PER_USER_CAPS } from '../services/system/per-user-caps.ts';
import { callerFor, createTestDeps, signUp, TEST_PASSWORD, useTestApi } from '../testing/index.ts';

const api = useTestApi();

/** The tRPC code of a rejected call, or 'OK'. */
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (error: unknown) => (error as { code?: string }).code ?? 'THROWN',
  );

describe('a category deleted while transactions are filed under it', () => {
  it('answers every racing write with success or NOT_FOUND, never a 500', async () => {
    const { caller, checking, food } = await api.signUpWithLedger();
    const existing = await caller.transactions.create({
      accountId: checking.id,
      amount: -1,
      occurredOn: '2026-03-01',
    });
    const victim = await caller.categories.create({ name: 'Doomed', kind: 'expense' });
    const writes = Array.from({ length: 30 }, (_, index) =>
      index % 2 === 0
        ? caller.transactions.create({
            accountId: checking.id,
            categoryId: victim.id,
            amount: -index - 1,
            occurredOn: '2026-03-02',
          })
        : caller.transactions.update({
            id: existing.id,
            categoryId: index % 3 === 0 ? food.id : victim.id,
          }),
    );
    const results = await Promise.all([
      ...writes.map(outcome),
      outcome(caller.categories.delete({ id: victim.id })),
    ]);
    expect(results.filter((code) => code !== 'OK' && code !== 'NOT_FOUND')).toEqual([]);
    expect(results.at(-1)).toBe('OK');
    const list = await caller.transactions.list({ categoryId: victim.id });
    expect(list.items).toEqual([]);
  });
});

describe('per-user caps', () => {
  it('allows 100 accounts and answers CONFLICT beyond, also when creates race', async () => {
    const { caller } = await api.signUp();
    const results = await Promise.all(
      Array.from({ length: PER_USER_CAPS.accounts + 5 }, (_, index) =>
        outcome(caller.accounts.create({ name: `Account ${index}`, type: 'cash' })),
      ),
    );
    expect(results.filter((code) => code === 'OK')).toHaveLength(PER_USER_CAPS.accounts);
    expect(results.filter((code) => code === 'CONFLICT')).toHaveLength(5);
    expect(await caller.accounts.list({ includeArchived: true })).toHaveLength(
      PER_USER_CAPS.accounts,
    );
  });

  it('caps categories at 300 (defaults included) and leaves other users alone', async () => {
    const { caller } = await api.signUp();
    const have = (await caller.categories.list({ includeArchived: true })).length;
    const results = await Promise.all(
      Array.from({ length: PER_USER_CAPS.categories - have + 3 }, (_, index) =>
        outcome(caller.categories.create({ name: `C ${index}`, kind: 'expense' })),
      ),
    );
    expect(results.filter((code) => code !== 'OK')).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const other = await api.signUp('other');
    await expect(
      other.caller.categories.create({ name: 'Mine', kind: 'expense' }),
    ).resolves.toBeDefined();
  });
});

describe('per-user request rate limit', () => {
  it('answers TOO_MANY_REQUESTS past the burst, for that user only', async () => {
    const limited = createTestDeps(api.db, { userRateLimit: { perSecond: 1, burst: 5 } });
    const first = await signUp(limited, 'busy');
    const second = await signUp(limited, 'calm');
    const busy = callerFor(limited, first.session.accessToken);
    const results = await Promise.all(Array.from({ length: 8 }, () => outcome(busy.auth.me())));
    expect(results.filter((code) => code === 'OK')).toHaveLength(5);
    expect(results.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(3);
    await expect(callerFor(limited, second.session.accessToken).auth.me()).resolves.toBeDefined();
  });
});

describe('concurrent refreshes with one token', () => {
  it('all succeed within the grace, with working sessions of the same login', async () => {
    const graceful = createTestDeps(api.db, {
      auth: { ...api.deps.auth, refreshReuseGraceSeconds: 10 },
    });
    const { session } = await signUp(graceful);
    const sessions = await Promise.all(
      Array.from({ length: 10 }, () =>
        callerFor(graceful).auth.refresh({ refreshToken: session.refreshToken }),
      ),
    );
    for (const fresh of sessions) {
      await expect(callerFor(graceful, fresh.accessToken).auth.me()).resolves.toMatchObject({
        id: session.user.id,
      });
      await expect(
        callerFor(graceful).auth.refresh({ refreshToken: fresh.refreshToken }),
      ).resolves.toBeDefined();
    }
    const logins = await api.db
      .selectFrom('logins')
      .select('id')
      .where('ownerId', '=', session.user.id)
      .execute();
    expect(logins).toHaveLength(1);
  });

  it('revokes the login when a rotated token comes back after the grace', async () => {
    const graceful = createTestDeps(api.db, {
      auth: { ...api.deps.auth, refreshReuseGraceSeconds: 0.2 },
    });
    const { session } = await signUp(graceful);
    const fresh = await callerFor(graceful).auth.refresh({ refreshToken: session.refreshToken });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(
      callerFor(graceful).auth.refresh({ refreshToken: session.refreshToken }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerFor(graceful, fresh.accessToken).auth.me()).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});

describe('failed logins', () => {
  it('lock out the client that made them, not the owner on another client', async () => {
    const strict = createTestDeps(api.db, {
      rateLimits: {
        ...api.deps.rateLimits,
        loginPerEmailAndClient: { limit: 10, windowSeconds: 900 },
        loginPerEmail: { limit: 100, windowSeconds: 900 },
      },
    });
    const { email } = await signUp(strict);
    const attacker = callerFor(strict, undefined, { ip: '203.0.113.7' });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await expect(
        attacker.auth.login({ email, password: 'wrong password!!' }),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(attacker.auth.login({ email, password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    const owner = callerFor(strict, undefined, { ip: '198.51.100.1' });
    await expect(owner.auth.login({ email, password: TEST_PASSWORD })).resolves.toBeDefined();
  });
});
