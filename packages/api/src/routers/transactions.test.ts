import { describe, expect, it } from 'vitest';
import { type callerFor, useTestApi } from '../testing/index.ts';

const api = useTestApi();

type Caller = ReturnType<typeof callerFor>;

/** A signed-up user with a USD checking (opening 1000), a USD savings and a EUR cash account. */
async function userWithAccounts(label = 'user') {
  const user = await api.signUp(label);
  const { caller } = user;
  const checking = await caller.accounts.create({
    name: 'Checking',
    type: 'checking',
    currency: 'USD',
    openingBalance: 1000,
  });
  const savings = await caller.accounts.create({
    name: 'Savings',
    type: 'savings',
    currency: 'USD',
  });
  const euros = await caller.accounts.create({ name: 'Euros', type: 'cash', currency: 'EUR' });
  const [groceries] = await caller.categories.list({ kind: 'expense' });
  if (groceries === undefined) throw new Error('expected default categories');
  return { ...user, checking, savings, euros, category: groceries };
}

async function balanceOf(caller: Caller, accountId: string): Promise<number> {
  return (await caller.accounts.byId({ id: accountId })).balance;
}

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

describe('transactions.byId', () => {
  it('rejects a malformed id, no token and another user’s id', async () => {
    const alice = await userWithAccounts('alice');
    const bob = await userWithAccounts('bob');
    const bobs = await bob.caller.transactions.create({
      accountId: bob.checking.id,
      amount: -1,
      occurredOn: '2026-01-01',
    });
    await expect(alice.caller.transactions.byId({ id: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(anonymous().transactions.byId({ id: bobs.id })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(alice.caller.transactions.byId({ id: bobs.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(alice.caller.transactions.byId({ id: crypto.randomUUID() })).rejects.toMatchObject(
      { code: 'NOT_FOUND' },
    );
  });
});

describe('transactions.update', () => {
  it('changes fields, bumps the version and keeps balances right when moving accounts', async () => {
    const { caller, checking, savings, category } = await userWithAccounts();
    const created = await caller.transactions.create({
      accountId: checking.id,
      amount: -100,
      occurredOn: '2026-01-01',
    });
    const updated = await caller.transactions.update({
      id: created.id,
      expectedVersion: 1,
      accountId: savings.id,
      categoryId: category.id,
      amount: 250,
      occurredOn: '2026-01-02',
      payee: 'Refund desk',
      note: null,
    });
    expect(updated).toMatchObject({
      version: 2,
      accountId: savings.id,
      amount: 250,
      kind: 'income',
      payee: 'Refund desk',
      note: null,
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect(await balanceOf(caller, checking.id)).toBe(1000);
    expect(await balanceOf(caller, savings.id)).toBe(250);
    const again = await caller.transactions.update({ id: created.id, categoryId: null });
    expect(again).toMatchObject({ version: 3, categoryId: null });
  });

  it('answers CONFLICT for a stale expectedVersion and changes nothing', async () => {
    const { caller, checking } = await userWithAccounts();
    const created = await caller.transactions.create({
      accountId: checking.id,
      amount: -100,
      occurredOn: '2026-01-01',
    });
    await caller.transactions.update({ id: created.id, amount: -200 });
    await expect(
      caller.transactions.update({ id: created.id, expectedVersion: 1, amount: -300 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller.transactions.byId({ id: created.id })).amount).toBe(-200);
    expect(await balanceOf(caller, checking.id)).toBe(800);
  });

  it('refuses a move to an account in another currency', async () => {
    const { caller, checking, euros } = await userWithAccounts();
    const created = await caller.transactions.create({
      accountId: checking.id,
      amount: -100,
      occurredOn: '2026-01-01',
    });
    await expect(
      caller.transactions.update({ id: created.id, accountId: euros.id }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each([
    ['a zero amount', { amount: 0 }],
    ['an impossible date', { occurredOn: '2026-13-01' }],
    ['a version of 0', { expectedVersion: 0 }],
    ['an unknown key', { currency: 'EUR' }],
    ['a malformed account id', { accountId: 'x' }],
  ])('rejects %s', async (_name, change) => {
    const { caller, checking } = await userWithAccounts();
    const created = await caller.transactions.create({
      accountId: checking.id,
      amount: -100,
      occurredOn: '2026-01-01',
    });
    await expect(caller.transactions.update({ id: created.id, ...change })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await caller.transactions.byId({ id: created.id })).toEqual(created);
  });

  it("treats another user's transaction, account or category as not found", async () => {
    const alice = await userWithAccounts('alice');
    const bob = await userWithAccounts('bob');
    const bobs = await bob.caller.transactions.create({
      accountId: bob.checking.id,
      amount: -1,
      occurredOn: '2026-01-01',
    });
    const alices = await alice.caller.transactions.create({
      accountId: alice.checking.id,
      amount: -1,
      occurredOn: '2026-01-01',
    });
    await expect(
      alice.caller.transactions.update({ id: bobs.id, amount: -999 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      alice.caller.transactions.update({ id: alices.id, accountId: bob.savings.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      alice.caller.transactions.update({ id: alices.id, categoryId: bob.category.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await bob.caller.transactions.byId({ id: bobs.id })).toEqual(bobs);
    expect(await balanceOf(bob.caller, bob.checking.id)).toBe(999);
  });

  it('needs a token', async () => {
    await expect(
      anonymous().transactions.update({ id: crypto.randomUUID(), amount: 1 }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('transactions.delete', () => {
  it('removes the row and restores the balance', async () => {
    const { caller, checking } = await userWithAccounts();
    const created = await caller.transactions.create({
      accountId: checking.id,
      amount: -100,
      occurredOn: '2026-01-01',
    });
    expect(await caller.transactions.delete({ id: created.id })).toEqual({ ok: true });
    await expect(caller.transactions.byId({ id: created.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await balanceOf(caller, checking.id)).toBe(1000);
  });

  it("rejects a malformed id, no token and another user's id", async () => {
    const alice = await userWithAccounts('alice');
    const bob = await userWithAccounts('bob');
    const bobs = await bob.caller.transactions.create({
      accountId: bob.checking.id,
      amount: -1,
      occurredOn: '2026-01-01',
    });
    await expect(alice.caller.transactions.delete({ id: '1' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(anonymous().transactions.delete({ id: bobs.id })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(alice.caller.transactions.delete({ id: bobs.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await bob.caller.transactions.byId({ id: bobs.id })).toEqual(bobs);
  });
});

describe('transactions.transfer', () => {
  it('writes two rows with one transferId that sum to zero and moves both balances', async () => {
    const { caller, checking, savings } = await userWithAccounts();
    const { from, to } = await caller.transactions.transfer({
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 400,
      occurredOn: '2026-05-05',
      note: 'rainy day',
    });
    expect(from).toMatchObject({
      accountId: checking.id,
      amount: -400,
      kind: 'transfer',
      note: 'rainy day',
    });
    expect(to).toMatchObject({
      accountId: savings.id,
      amount: 400,
      kind: 'transfer',
      transferId: from.transferId,
    });
    expect(from.transferId).not.toBeNull();
    expect(await balanceOf(caller, checking.id)).toBe(600);
    expect(await balanceOf(caller, savings.id)).toBe(400);
  });

  it('keeps the pair consistent: an edit of one side applies to both, a delete removes both', async () => {
    const { caller, checking, savings } = await userWithAccounts();
    const { from, to } = await caller.transactions.transfer({
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 400,
      occurredOn: '2026-05-05',
    });
    await caller.transactions.update({
      id: to.id,
      amount: 150,
      occurredOn: '2026-05-06',
      note: 'less',
    });
    const mirrored = await caller.transactions.byId({ id: from.id });
    expect(mirrored).toMatchObject({
      amount: -150,
      occurredOn: '2026-05-06',
      note: 'less',
      version: 2,
    });
    expect(await balanceOf(caller, checking.id)).toBe(850);
    expect(await balanceOf(caller, savings.id)).toBe(150);
    await expect(
      caller.transactions.update({ id: to.id, categoryId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller.transactions.delete({ id: from.id });
    await expect(caller.transactions.byId({ id: to.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await balanceOf(caller, checking.id)).toBe(1000);
    expect(await balanceOf(caller, savings.id)).toBe(0);
  });

  it('is idempotent with a key', async () => {
    const { caller, checking, savings } = await userWithAccounts();
    const input = {
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 10,
      occurredOn: '2026-05-05',
      idempotencyKey: 't-1',
    };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => caller.transactions.transfer(input)),
    );
    expect(new Set(results.map((result) => result.from.id)).size).toBe(1);
    expect((await caller.transactions.list({})).items).toHaveLength(2);
  });

  it.each([
    ['the same account twice', 'same'],
    ['a negative amount', 'negative'],
    ['a zero amount', 'zero'],
    ['accounts in different currencies', 'currency'],
    ['an unknown key', 'unknown'],
  ])('refuses %s and writes nothing', async (_name, problem) => {
    const { caller, checking, savings, euros } = await userWithAccounts();
    const base = {
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 10,
      occurredOn: '2026-05-05',
    };
    const input = {
      same: { ...base, toAccountId: checking.id },
      negative: { ...base, amount: -10 },
      zero: { ...base, amount: 0 },
      currency: { ...base, toAccountId: euros.id },
      unknown: { ...base, categoryId: null },
    }[problem];
    await expect(caller.transactions.transfer(input as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await caller.transactions.list({})).items).toHaveLength(0);
  });

  it("treats another user's account as not found and needs a token", async () => {
    const alice = await userWithAccounts('alice');
    const bob = await userWithAccounts('bob');
    const input = {
      fromAccountId: alice.checking.id,
      toAccountId: bob.checking.id,
      amount: 10,
      occurredOn: '2026-05-05',
    };
    await expect(alice.caller.transactions.transfer(input)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(anonymous().transactions.transfer(input)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(await balanceOf(bob.caller, bob.checking.id)).toBe(1000);
    expect(await balanceOf(alice.caller, alice.checking.id)).toBe(1000);
  });
});

describe('transactions.list and transactions.page', () => {
  it('show only the caller’s rows and need a token', async () => {
    const alice = await userWithAccounts('alice');
    const bob = await userWithAccounts('bob');
    await bob.caller.transactions.create({
      accountId: bob.checking.id,
      amount: -1,
      occurredOn: '2026-01-01',
    });
    expect((await alice.caller.transactions.list({})).items).toEqual([]);
    expect(await alice.caller.transactions.page({})).toMatchObject({
      items: [],
      totalItems: 0,
      totalPages: 0,
      totalIsExact: true,
    });
    expect((await alice.caller.transactions.list({ accountId: bob.checking.id })).items).toEqual(
      [],
    );
    await expect(anonymous().transactions.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(anonymous().transactions.page({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it.each([
    ['a limit of 0', { limit: 0 }],
    ['a limit over 100', { limit: 101 }],
    ['an unknown sort', { sort: 'payee_asc' }],
    ['from after to', { from: '2026-02-01', to: '2026-01-01' }],
    ['minAmount above maxAmount', { minAmount: 10, maxAmount: 5 }],
    ['an unknown kind', { kind: 'refund' }],
    ['an unknown key', { ownerId: crypto.randomUUID() }],
    ['a garbage cursor', { cursor: 'not-a-cursor' }],
  ])('list rejects %s', async (_name, input) => {
    const { caller } = await userWithAccounts();
    await expect(caller.transactions.list(input as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('page refuses to go past the 10 000-row window and points to transactions.list', async () => {
    const { caller } = await userWithAccounts();
    const attempt = caller.transactions.page({ page: 101, pageSize: 100 });
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(attempt).rejects.toThrow(/transactions\.list/);
    await expect(caller.transactions.page({ page: 0 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(caller.transactions.page({ pageSize: 101 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await caller.transactions.page({ page: 100, pageSize: 100 })).items).toEqual([]);
  });
});
