import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/index.ts';
import { signUpBudgeter } from '../testing/budgeter.ts';

const api = useTestApi();

const anonymous = () => api.anonymous();
const budgeter = (label?: string) => signUpBudgeter(api.deps, label);

describe('budgets access', () => {
  it('every procedure needs a token', async () => {
    const id = crypto.randomUUID();
    const calls: [string, () => Promise<unknown>][] = [
      ['list', () => anonymous().budgets.list()],
      [
        'create',
        () => anonymous().budgets.create({ categoryId: id, amount: 1, period: 'monthly' }),
      ],
      ['update', () => anonymous().budgets.update({ id, amount: 1 })],
      ['delete', () => anonymous().budgets.delete({ id })],
      ['progress', () => anonymous().budgets.progress({ on: '2026-01-01' })],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it("treats another user's budget and category as not found and leaves their data unchanged", async () => {
    const alice = await budgeter('alice');
    const bob = await budgeter('bob');
    const bobs = await bob.caller.budgets.create({
      categoryId: bob.food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
    });
    await bob.spend(-30_00, '2026-01-05');
    const bobsProgress = await bob.caller.budgets.progress({ on: '2026-01-05' });

    await expect(
      alice.caller.budgets.update({ id: bobs.id, amount: 1, endsOn: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(alice.caller.budgets.delete({ id: bobs.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      alice.caller.budgets.create({
        categoryId: bob.food.id,
        amount: 100_00,
        period: 'weekly',
        startsOn: '2026-01-01',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await alice.caller.budgets.list()).toEqual([]);
    expect(await alice.caller.budgets.progress({ on: '2026-01-05' })).toEqual([]);
    expect(await bob.caller.budgets.list()).toEqual([bobs]);
    expect(await bob.caller.budgets.progress({ on: '2026-01-05' })).toEqual(bobsProgress);
    expect(bobsProgress).toMatchObject([{ spent: 30_00 }]);
  });

  it("ignores another user's spending in the same-named category", async () => {
    const alice = await budgeter('alice');
    const bob = await budgeter('bob');
    const budget = await alice.caller.budgets.create({
      categoryId: alice.food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
    });
    await bob.spend(-70_00, '2026-01-05');
    expect(await alice.numbersOn('2026-01-05', budget.id)).toMatchObject({ spent: 0 });
  });
});
