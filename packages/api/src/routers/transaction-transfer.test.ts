import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/index.ts';
import { balanceOf, signUpWithAccounts } from '../testing/ledger-user.ts';

const api = useTestApi();

const userWithAccounts = (label?: string) => signUpWithAccounts(api.deps, label);
const anonymous = () => api.anonymous();

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
