import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/index.ts';
import { signUpWithAccounts } from '../testing/ledger-user.ts';

const api = useTestApi();

const userWithAccounts = (label?: string) => signUpWithAccounts(api.deps, label);
const anonymous = () => api.anonymous();

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
