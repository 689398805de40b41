import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/index.ts';
import { balanceOf, signUpWithAccounts } from '../testing/ledger-user.ts';

const api = useTestApi();

const userWithAccounts = (label?: string) => signUpWithAccounts(api.deps, label);
const anonymous = () => api.anonymous();

describe('transactions.create', () => {
  it('records an expense in the account currency and moves the balance', async () => {
    const { caller, checking, category } = await userWithAccounts();
    const created = await caller.transactions.create({
      accountId: checking.id,
      categoryId: category.id,
      amount: -2550,
      occurredOn: '2026-11-01',
      payee: '  Corner Shop ',
      note: 'milk',
    });
    expect(created).toMatchObject({
      accountId: checking.id,
      categoryId: category.id,
      kind: 'expense',
      amount: -2550,
      currency: 'USD',
      occurredOn: '2026-11-01',
      payee: 'Corner Shop',
      note: 'milk',
      transferId: null,
      version: 1,
    });
    expect(await balanceOf(caller, checking.id)).toBe(1000 - 2550);
    expect(await caller.transactions.byId({ id: created.id })).toEqual(created);
  });

  it('derives kind income from a positive amount and allows no category', async () => {
    const { caller, euros } = await userWithAccounts();
    const created = await caller.transactions.create({
      accountId: euros.id,
      amount: 500,
      occurredOn: '2024-02-29',
    });
    expect(created).toMatchObject({
      kind: 'income',
      currency: 'EUR',
      categoryId: null,
      payee: null,
    });
  });

  it.each([
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a fractional amount', { amount: 1.5 }, 'amount'],
    ['an amount over 1e12', { amount: 1_000_000_000_001 }, 'amount'],
    ['an amount as a string', { amount: '10' }, 'amount'],
    ['an impossible date', { occurredOn: '2023-02-29' }, 'occurredOn'],
    ['a timestamp instead of a date', { occurredOn: '2023-02-01T10:00:00Z' }, 'occurredOn'],
    ['a malformed account id', { accountId: 'abc' }, 'accountId'],
    ['a malformed category id', { categoryId: 'abc' }, 'categoryId'],
    ['a payee over 200 characters', { payee: 'p'.repeat(201) }, 'payee'],
    ['a note over 1000 characters', { note: 'n'.repeat(1001) }, 'note'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'idempotencyKey'],
    ['an unknown key', { ownerId: '00000000-0000-4000-8000-000000000000' }, null],
  ])('rejects %s and writes nothing', async (_name, change, field) => {
    const { caller, checking } = await userWithAccounts();
    const attempt = caller.transactions.create({
      accountId: checking.id,
      amount: -100,
      occurredOn: '2026-01-01',
      ...change,
    } as never);
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    if (field !== null) {
      const error = await attempt.catch((caught: unknown) => caught);
      expect(JSON.stringify(error)).toContain(field);
    }
    expect((await caller.transactions.list({})).items).toHaveLength(0);
    expect(await balanceOf(caller, checking.id)).toBe(1000);
  });

  it('refuses an archived account', async () => {
    const { caller, savings } = await userWithAccounts();
    await caller.accounts.update({ id: savings.id, archived: true });
    await expect(
      caller.transactions.create({ accountId: savings.id, amount: 5, occurredOn: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('needs a token', async () => {
    await expect(
      anonymous().transactions.create({
        accountId: crypto.randomUUID(),
        amount: 1,
        occurredOn: '2026-01-01',
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it("treats another user's account or category as not found and leaves it untouched", async () => {
    const alice = await userWithAccounts('alice');
    const bob = await userWithAccounts('bob');
    await expect(
      alice.caller.transactions.create({
        accountId: bob.checking.id,
        amount: -1,
        occurredOn: '2026-01-01',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      alice.caller.transactions.create({
        accountId: alice.checking.id,
        categoryId: bob.category.id,
        amount: -1,
        occurredOn: '2026-01-01',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await balanceOf(bob.caller, bob.checking.id)).toBe(1000);
    expect((await bob.caller.transactions.list({})).items).toHaveLength(0);
    expect((await alice.caller.transactions.list({})).items).toHaveLength(0);
  });
});

describe('idempotency keys', () => {
  it('returns the first result for a retry with the same key and input', async () => {
    const { caller, checking } = await userWithAccounts();
    const input = {
      accountId: checking.id,
      amount: -700,
      occurredOn: '2026-03-03',
      idempotencyKey: 'k-1',
    };
    const first = await caller.transactions.create(input);
    const retry = await caller.transactions.create({ ...input });
    expect(retry).toEqual(first);
    expect((await caller.transactions.list({})).items).toHaveLength(1);
    expect(await balanceOf(caller, checking.id)).toBe(300);
  });

  it('writes one row for 20 concurrent retries', async () => {
    const { caller, checking } = await userWithAccounts();
    const input = {
      accountId: checking.id,
      amount: -5,
      occurredOn: '2026-03-03',
      idempotencyKey: 'burst',
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => caller.transactions.create(input)),
    );
    expect(new Set(results.map((result) => result.id)).size).toBe(1);
    expect((await caller.transactions.list({})).items).toHaveLength(1);
    expect(await balanceOf(caller, checking.id)).toBe(995);
  });

  it('answers CONFLICT for the same key with a different input', async () => {
    const { caller, checking } = await userWithAccounts();
    await caller.transactions.create({
      accountId: checking.id,
      amount: -5,
      occurredOn: '2026-03-03',
      idempotencyKey: 'same',
    });
    await expect(
      caller.transactions.create({
        accountId: checking.id,
        amount: -6,
        occurredOn: '2026-03-03',
        idempotencyKey: 'same',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      caller.transactions.transfer({
        fromAccountId: checking.id,
        toAccountId: crypto.randomUUID(),
        amount: 5,
        occurredOn: '2026-03-03',
        idempotencyKey: 'same',
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller.transactions.list({})).items).toHaveLength(1);
  });

  it('scopes keys per user', async () => {
    const alice = await userWithAccounts('alice');
    const bob = await userWithAccounts('bob');
    const a = await alice.caller.transactions.create({
      accountId: alice.checking.id,
      amount: -1,
      occurredOn: '2026-01-01',
      idempotencyKey: 'shared',
    });
    const b = await bob.caller.transactions.create({
      accountId: bob.checking.id,
      amount: -1,
      occurredOn: '2026-01-01',
      idempotencyKey: 'shared',
    });
    expect(b.id).not.toBe(a.id);
  });

  it('frees the key when the first attempt failed', async () => {
    const { caller, checking } = await userWithAccounts();
    const input = {
      accountId: checking.id,
      categoryId: crypto.randomUUID(),
      amount: -1,
      occurredOn: '2026-01-01',
      idempotencyKey: 'retry-after-fix',
    };
    await expect(caller.transactions.create(input)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const fixed = await caller.transactions.create({
      ...input,
      categoryId: null,
      idempotencyKey: 'retry-after-fix',
    });
    expect(fixed.categoryId).toBeNull();
  });
});
