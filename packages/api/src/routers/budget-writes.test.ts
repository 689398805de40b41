import { describe, expect, it } from 'vitest';
import type { callerFor } from '../testing/index.ts';
import { invalidFields, useTestApi } from '../testing/index.ts';
import { signUpBudgeter } from '../testing/budgeter.ts';

const api = useTestApi();

type Caller = ReturnType<typeof callerFor>;
type CreateBudget = Parameters<Caller['budgets']['create']>[0];

const budgeter = (label?: string) => signUpBudgeter(api.deps, label);

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('budgets.create', () => {
  it('stores the budget with whole periods and defaults, and lists it', async () => {
    const { caller, food, fun } = await budgeter();
    const monthly = await caller.budgets.create({
      categoryId: food.id,
      amount: 250_00,
      period: 'monthly',
      startsOn: '2023-02-14',
      endsOn: '2023-02-14',
    });
    expect(monthly).toEqual({
      id: expect.any(String) as string,
      categoryId: food.id,
      amount: 250_00,
      currency: 'USD',
      period: 'monthly',
      startsOn: '2023-02-01',
      endsOn: '2023-02-28',
      rollover: false,
      alertThreshold: 80,
    });
    const weekly = await caller.budgets.create({
      categoryId: food.id,
      amount: 1_000_000_000_000,
      period: 'weekly',
      startsOn: '2021-01-01',
      endsOn: '2021-01-01',
      rollover: true,
      alertThreshold: 1,
    });
    expect(weekly).toMatchObject({
      amount: 1_000_000_000_000,
      startsOn: '2020-12-28',
      endsOn: '2021-01-03',
      rollover: true,
      alertThreshold: 1,
    });
    const yearly = await caller.budgets.create({
      categoryId: fun.id,
      amount: 1,
      period: 'yearly',
      startsOn: '2024-02-29',
      endsOn: null,
      alertThreshold: 100,
      currency: 'GBP',
    });
    expect(yearly).toMatchObject({
      startsOn: '2024-01-01',
      endsOn: null,
      currency: 'GBP',
      alertThreshold: 100,
    });
    expect(await caller.budgets.list()).toEqual([weekly, monthly, yearly]);
  });

  it('starts at the current period without startsOn, in the user’s currency without currency', async () => {
    const { caller, food } = await budgeter();
    await caller.auth.updateProfile({ currency: 'EUR' });
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
    });
    expect(budget.startsOn).toBe(`${todayUtc().slice(0, 7)}-01`);
    expect(budget.currency).toBe('EUR');
  });

  it.each([
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a negative amount', { amount: -100 }, 'amount'],
    ['a fractional amount', { amount: 10.5 }, 'amount'],
    ['an amount over 1e12', { amount: 1_000_000_000_001 }, 'amount'],
    ['an amount as a string', { amount: '100' }, 'amount'],
    ['an unknown period', { period: 'daily' }, 'period'],
    ['a missing period', { period: undefined }, 'period'],
    ['an impossible startsOn', { startsOn: '2026-02-30' }, 'startsOn'],
    ['a timestamp startsOn', { startsOn: '2026-02-01T00:00:00Z' }, 'startsOn'],
    ['a malformed endsOn', { startsOn: '2026-01-01', endsOn: '2026/03/01' }, 'endsOn'],
    ['endsOn before startsOn', { startsOn: '2026-03-10', endsOn: '2026-03-09' }, 'endsOn'],
    ['alertThreshold 0', { alertThreshold: 0 }, 'alertThreshold'],
    ['alertThreshold 101', { alertThreshold: 101 }, 'alertThreshold'],
    ['a fractional alertThreshold', { alertThreshold: 50.5 }, 'alertThreshold'],
    ['rollover as a string', { rollover: 'yes' }, 'rollover'],
    ['a malformed category id', { categoryId: 'abc' }, 'categoryId'],
    ['a lower-case currency', { currency: 'usd' }, 'currency'],
    ['an unknown currency', { currency: 'ABC' }, 'currency'],
    ['an unknown key ownerId', { ownerId: crypto.randomUUID() }, 'ownerId'],
    ['an unknown key spent', { spent: 0 }, 'spent'],
  ])('rejects %s and writes nothing', async (_name, change, field) => {
    const { caller, food } = await budgeter();
    const input = {
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
      ...change,
    };
    expect(await invalidFields(caller.budgets.create(input as never))).toContain(field);
    expect(await caller.budgets.list()).toEqual([]);
  });

  it('rejects an endsOn before the default start (today) and writes nothing', async () => {
    const { caller, food } = await budgeter();
    await expect(
      caller.budgets.create({
        categoryId: food.id,
        amount: 100_00,
        period: 'monthly',
        endsOn: '2000-01-31',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await caller.budgets.list()).toEqual([]);
  });

  it('refuses an income category with BAD_REQUEST and an unknown one with NOT_FOUND', async () => {
    const { caller, wages } = await budgeter();
    await expect(
      caller.budgets.create({ categoryId: wages.id, amount: 100_00, period: 'monthly' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.budgets.create({ categoryId: crypto.randomUUID(), amount: 100_00, period: 'monthly' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await caller.budgets.list()).toEqual([]);
  });

  it('allows one active budget per category and period type: overlapping dates are a CONFLICT', async () => {
    const { caller, food, fun } = await budgeter();
    const base: CreateBudget = { categoryId: food.id, amount: 100_00, period: 'monthly' };
    const open = await caller.budgets.create({ ...base, startsOn: '2026-01-01' });

    // Later, open-ended, or reaching into the open budget's range: CONFLICT.
    for (const dates of [
      { startsOn: '2026-06-01' },
      { startsOn: '2025-06-01', endsOn: '2026-01-15' }, // endsOn widens to 2026-01-31
      { startsOn: '2025-01-01', endsOn: null },
    ]) {
      await expect(caller.budgets.create({ ...base, ...dates })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
    }
    // A closed range that ends before: fine, and then one that touches it after widening is not.
    const before = await caller.budgets.create({
      ...base,
      startsOn: '2025-06-01',
      endsOn: '2025-12-31',
    });
    await expect(
      caller.budgets.create({ ...base, startsOn: '2025-03-01', endsOn: '2025-06-10' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const earlier = await caller.budgets.create({
      ...base,
      startsOn: '2025-03-01',
      endsOn: '2025-05-20', // widens to 2025-05-31, the day before `before` starts
    });
    // Another period type or another category: fine.
    const weekly = await caller.budgets.create({
      ...base,
      period: 'weekly',
      startsOn: '2026-01-01',
    });
    const otherCategory = await caller.budgets.create({
      ...base,
      categoryId: fun.id,
      startsOn: '2026-01-01',
    });
    expect((await caller.budgets.list()).map((budget) => budget.id).sort()).toEqual(
      [open.id, before.id, earlier.id, weekly.id, otherCategory.id].sort(),
    );
  });

  it('lets exactly one of several concurrent overlapping creates win', async () => {
    const { caller, food } = await budgeter();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        caller.budgets.create({
          categoryId: food.id,
          amount: (index + 1) * 100,
          period: 'monthly',
          startsOn: `2026-0${index + 1}-01`,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'CONFLICT' });
    }
    expect(await caller.budgets.list()).toHaveLength(1);
  });
});

describe('budgets.update', () => {
  it('changes amount, endsOn (widened), rollover and threshold, and keeps the rest', async () => {
    const { caller, food } = await budgeter();
    const created = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
    });
    const updated = await caller.budgets.update({
      id: created.id,
      amount: 150_00,
      endsOn: '2026-02-10',
      rollover: true,
      alertThreshold: 90,
    });
    expect(updated).toEqual({
      ...created,
      amount: 150_00,
      endsOn: '2026-02-28',
      rollover: true,
      alertThreshold: 90,
    });
    const reopened = await caller.budgets.update({ id: created.id, endsOn: null });
    expect(reopened).toEqual({ ...updated, endsOn: null });
    expect(await caller.budgets.update({ id: created.id })).toEqual(reopened);
    expect(await caller.budgets.list()).toEqual([reopened]);
  });

  it('refuses an endsOn before startsOn or one overlapping another budget, changing nothing', async () => {
    const { caller, food } = await budgeter();
    const first = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2025-01-01',
      endsOn: '2025-06-30',
    });
    const second = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2025-07-01',
    });
    await expect(
      caller.budgets.update({ id: second.id, endsOn: '2025-06-30' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(
      caller.budgets.update({ id: first.id, endsOn: '2025-07-01' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(caller.budgets.update({ id: first.id, endsOn: null })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    // Within its own month is fine: 2025-06-01 widens to 2025-06-30 again.
    expect(await caller.budgets.update({ id: first.id, endsOn: '2025-06-01' })).toEqual(first);
    expect(await caller.budgets.list()).toEqual([first, second]);
  });

  it.each([
    ['a zero amount', { amount: 0 }, 'amount'],
    ['a negative amount', { amount: -5 }, 'amount'],
    ['a fractional amount', { amount: 1.5 }, 'amount'],
    ['an amount over 1e12', { amount: 1_000_000_000_001 }, 'amount'],
    ['alertThreshold 0', { alertThreshold: 0 }, 'alertThreshold'],
    ['alertThreshold 101', { alertThreshold: 101 }, 'alertThreshold'],
    ['a fractional alertThreshold', { alertThreshold: 2.5 }, 'alertThreshold'],
    ['an impossible endsOn', { endsOn: '2026-04-31' }, 'endsOn'],
    ['a period change', { period: 'weekly' }, 'period'],
    ['a category change', { categoryId: crypto.randomUUID() }, 'categoryId'],
    ['a startsOn change', { startsOn: '2020-01-01' }, 'startsOn'],
    ['a currency change', { currency: 'EUR' }, 'currency'],
    ['a malformed id', { id: 'nope' }, 'id'],
  ])('rejects %s and changes nothing', async (_name, change, field) => {
    const { caller, food } = await budgeter();
    const created = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
    });
    expect(await invalidFields(caller.budgets.update({ id: created.id, ...change }))).toContain(
      field,
    );
    expect(await caller.budgets.list()).toEqual([created]);
  });

  it('answers NOT_FOUND for an id that does not exist', async () => {
    const { caller } = await budgeter();
    await expect(
      caller.budgets.update({ id: crypto.randomUUID(), amount: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('budgets.delete', () => {
  it('removes the budget; a second delete or a malformed id is refused', async () => {
    const { caller, food, fun } = await budgeter();
    const doomed = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
    });
    const kept = await caller.budgets.create({
      categoryId: fun.id,
      amount: 100_00,
      period: 'monthly',
    });
    expect(await caller.budgets.delete({ id: doomed.id })).toEqual({ ok: true });
    expect(await caller.budgets.list()).toEqual([kept]);
    await expect(caller.budgets.delete({ id: doomed.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await invalidFields(caller.budgets.delete({ id: 'x' }))).toContain('id');
    expect(
      await invalidFields(caller.budgets.delete({ id: kept.id, force: true } as never)),
    ).toContain('force');
    expect(await caller.budgets.list()).toEqual([kept]);
  });
});

describe('deleting a category', () => {
  it('removes its budgets, with or without reassignTo, and keeps the others', async () => {
    const { caller, food, fun } = await budgeter();
    const groceries = await caller.categories.create({ name: 'Groceries 2', kind: 'expense' });
    const onFood = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
    });
    const onFoodWeekly = await caller.budgets.create({
      categoryId: food.id,
      amount: 20_00,
      period: 'weekly',
      startsOn: '2026-01-01',
    });
    const onGroceries = await caller.budgets.create({
      categoryId: groceries.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
    });
    const onFun = await caller.budgets.create({
      categoryId: fun.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
    });

    await caller.categories.delete({ id: food.id });
    const afterFirst = (await caller.budgets.list()).map((budget) => budget.id);
    expect(afterFirst).not.toContain(onFood.id);
    expect(afterFirst).not.toContain(onFoodWeekly.id);
    expect(afterFirst.sort()).toEqual([onGroceries.id, onFun.id].sort());

    await caller.categories.delete({ id: groceries.id, reassignTo: fun.id });
    expect(await caller.budgets.list()).toEqual([onFun]);
    expect(
      (await caller.budgets.progress({ on: '2026-01-15' })).map((item) => item.budget.id),
    ).toEqual([onFun.id]);
    await expect(caller.budgets.update({ id: onGroceries.id, amount: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
