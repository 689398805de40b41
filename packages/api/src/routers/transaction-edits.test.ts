import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/index.ts';
import { balanceOf, signUpWithAccounts } from '../testing/ledger-user.ts';

const api = useTestApi();

const userWithAccounts = (label?: string) => signUpWithAccounts(api.deps, label);
const anonymous = () => api.anonymous();

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
