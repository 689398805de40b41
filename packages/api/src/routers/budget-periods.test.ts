import { describe, expect, it } from 'vitest';
import { invalidFields, useTestApi } from '../testing/index.ts';
import { signUpBudgeter } from '../testing/budgeter.ts';

const api = useTestApi();

const budgeter = (label?: string) => signUpBudgeter(api.deps, label);

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('budgets.progress: calendar periods', () => {
  it('a monthly budget counts its calendar month only: the 31st is January, the 1st is February', async () => {
    const { caller, food, spend, numbersOn, progressOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 500_00,
      period: 'monthly',
      startsOn: '2026-01-15',
    });
    expect(budget.startsOn).toBe('2026-01-01');
    await spend(-100_00, '2025-12-31');
    await spend(-10_00, '2026-01-01');
    await spend(-20_00, '2026-01-31');
    await spend(-40_00, '2026-02-01');
    await spend(-80_00, '2026-02-28');
    await spend(-160_00, '2026-03-01');

    // January: 10 + 20 = 30 of 500 → 6 %.
    expect(await numbersOn('2026-01-31', budget.id)).toEqual({
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      budgeted: 500_00,
      spent: 30_00,
      remaining: 470_00,
      percentUsed: 6,
      status: 'ok',
    });
    // February (28 days in 2026): 40 + 80 = 120 → 24 %, the same on its first and last day.
    const february = {
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      budgeted: 500_00,
      spent: 120_00,
      remaining: 380_00,
      percentUsed: 24,
      status: 'ok',
    };
    expect(await numbersOn('2026-02-01', budget.id)).toEqual(february);
    expect(await numbersOn('2026-02-28', budget.id)).toEqual(february);
    // March: 160 → 32 %.
    expect(await numbersOn('2026-03-31', budget.id)).toMatchObject({
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      spent: 160_00,
      percentUsed: 32,
    });
    // Before the (widened) start the budget is not active at all.
    expect(await progressOn('2025-12-31', budget.id)).toBeUndefined();
  });

  it('a monthly budget in February 2024 ends on the leap day 2024-02-29 and counts it', async () => {
    const { caller, food, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 300_00,
      period: 'monthly',
      startsOn: '2024-02-10',
    });
    await spend(-50_00, '2024-01-31');
    await spend(-70_00, '2024-02-01');
    await spend(-90_00, '2024-02-29');
    await spend(-110_00, '2024-03-01');

    // February 2024: 70 + 90 = 160 of 300 → 53.33 %.
    const february = {
      periodStart: '2024-02-01',
      periodEnd: '2024-02-29',
      budgeted: 300_00,
      spent: 160_00,
      remaining: 140_00,
      percentUsed: 53.33,
      status: 'ok',
    };
    expect(await numbersOn('2024-02-10', budget.id)).toEqual(february);
    expect(await numbersOn('2024-02-29', budget.id)).toEqual(february);
    // March: 110 of 300 → 36.67 %.
    expect(await numbersOn('2024-03-01', budget.id)).toEqual({
      periodStart: '2024-03-01',
      periodEnd: '2024-03-31',
      budgeted: 300_00,
      spent: 110_00,
      remaining: 190_00,
      percentUsed: 36.67,
      status: 'ok',
    });
  });

  it('a weekly budget uses ISO weeks: week 53 of 2020 runs 2020-12-28 to 2021-01-03 across the year end', async () => {
    const { caller, food, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'weekly',
      startsOn: '2020-12-01', // a Tuesday: widens to Monday 2020-11-30
    });
    expect(budget.startsOn).toBe('2020-11-30');
    await spend(-1_00, '2020-12-27'); // Sunday of week 52
    await spend(-2_00, '2020-12-28'); // Monday of week 53
    await spend(-4_00, '2020-12-31');
    await spend(-8_00, '2021-01-03'); // Sunday of week 53
    await spend(-16_00, '2021-01-04'); // Monday of 2021-W01

    // On Saturday 2021-01-02: week 53 holds 2 + 4 + 8 = 14 of 100 → 14 %.
    expect(await numbersOn('2021-01-02', budget.id)).toEqual({
      periodStart: '2020-12-28',
      periodEnd: '2021-01-03',
      budgeted: 100_00,
      spent: 14_00,
      remaining: 86_00,
      percentUsed: 14,
      status: 'ok',
    });
    expect(await numbersOn('2021-01-04', budget.id)).toMatchObject({
      periodStart: '2021-01-04',
      periodEnd: '2021-01-10',
      spent: 16_00,
    });
    expect(await numbersOn('2020-12-27', budget.id)).toMatchObject({
      periodStart: '2020-12-21',
      periodEnd: '2020-12-27',
      spent: 1_00,
    });
  });

  it('a yearly budget runs 1 January to 31 December and its endsOn widens to the year end', async () => {
    const { caller, food, spend, numbersOn, progressOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 1000_00,
      period: 'yearly',
      startsOn: '2025-06-15',
      endsOn: '2026-03-01',
    });
    expect(budget).toMatchObject({ startsOn: '2025-01-01', endsOn: '2026-12-31' });
    await spend(-5_00, '2024-12-31');
    await spend(-10_00, '2025-01-01');
    await spend(-20_00, '2025-12-31');
    await spend(-40_00, '2026-01-01');
    await spend(-80_00, '2026-12-31');
    await spend(-160_00, '2027-01-01');

    // 2025: 10 + 20 = 30 of 1000 → 3 %.
    expect(await numbersOn('2025-12-31', budget.id)).toEqual({
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      budgeted: 1000_00,
      spent: 30_00,
      remaining: 970_00,
      percentUsed: 3,
      status: 'ok',
    });
    // 2026: 40 + 80 = 120 → 12 %.
    expect(await numbersOn('2026-01-01', budget.id)).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      spent: 120_00,
      percentUsed: 12,
    });
    expect(await progressOn('2024-12-31', budget.id)).toBeUndefined();
    expect(await progressOn('2027-01-01', budget.id)).toBeUndefined();
  });
});

describe('budgets.progress: which budgets', () => {
  it('lists a budget only on days between its widened startsOn and endsOn', async () => {
    const { caller, food, fun, progressOn } = await budgeter();
    const bounded = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-03-10',
      endsOn: '2026-05-10',
    });
    expect(bounded).toMatchObject({ startsOn: '2026-03-01', endsOn: '2026-05-31' });
    const open = await caller.budgets.create({
      categoryId: fun.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-04-01',
    });

    expect(await progressOn('2026-02-28', bounded.id)).toBeUndefined();
    expect(await progressOn('2026-03-01', bounded.id)).toBeDefined();
    expect(await progressOn('2026-05-31', bounded.id)).toBeDefined();
    expect(await progressOn('2026-06-01', bounded.id)).toBeUndefined();
    expect(await progressOn('2026-03-31', open.id)).toBeUndefined();
    expect(await progressOn('2099-12-31', open.id)).toBeDefined();
    expect(
      (await caller.budgets.progress({ on: '2026-02-28' })).map((item) => item.budget.id),
    ).toEqual([]);
    expect(
      (await caller.budgets.progress({ on: '2026-04-15' })).map((item) => item.budget.id),
    ).toEqual([bounded.id, open.id]);
    // Inactive budgets still exist.
    expect((await caller.budgets.list()).map((item) => item.id)).toEqual([bounded.id, open.id]);
  });

  it('defaults `on` to today', async () => {
    const { caller, food } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'weekly',
    });
    const today = todayUtc();
    const [only, ...rest] = await caller.budgets.progress();
    expect(rest).toEqual([]);
    expect(only?.budget).toEqual(budget);
    expect(only?.periodStart).toBe(budget.startsOn);
    expect(only !== undefined && only.periodStart <= today && today <= only.periodEnd).toBe(true);
  });

  it.each([
    ['an impossible date', { on: '2026-02-30' }, 'on'],
    ['a timestamp', { on: '2026-02-01T00:00:00Z' }, 'on'],
    ['an unknown key', { on: '2026-02-01', categoryId: crypto.randomUUID() }, 'categoryId'],
  ])('rejects %s', async (_name, input, field) => {
    const { caller } = await budgeter();
    expect(await invalidFields(caller.budgets.progress(input as never))).toContain(field);
  });
});
