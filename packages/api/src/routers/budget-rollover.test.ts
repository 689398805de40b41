import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/index.ts';
import { signUpBudgeter } from '../testing/budgeter.ts';

const api = useTestApi();

const budgeter = (label?: string) => signUpBudgeter(api.deps, label);

describe('budgets.progress: rollover', () => {
  it('carries each month’s remainder, an overspend as a negative, over three months and more', async () => {
    const { caller, food, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
      rollover: true,
    });
    await spend(-500_00, '2025-12-31'); // before startsOn: never carried
    await spend(-60_00, '2026-01-10');
    await spend(-180_00, '2026-02-14');
    await spend(-30_00, '2026-03-31');

    // January: budgeted 100, spent 60, remaining 40.
    expect(await numbersOn('2026-01-20', budget.id)).toEqual({
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      budgeted: 100_00,
      spent: 60_00,
      remaining: 40_00,
      percentUsed: 60,
      status: 'ok',
    });
    // February: budgeted 100 + 40 = 140 (= 2×100 − 60), spent 180, remaining −40: over, 128.57 %.
    expect(await numbersOn('2026-02-14', budget.id)).toEqual({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      budgeted: 140_00,
      spent: 180_00,
      remaining: -40_00,
      percentUsed: 128.57,
      status: 'over',
    });
    // March: budgeted 100 − 40 = 60 (= 3×100 − 240), spent 30, remaining 30: 50 %.
    expect(await numbersOn('2026-03-31', budget.id)).toEqual({
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      budgeted: 60_00,
      spent: 30_00,
      remaining: 30_00,
      percentUsed: 50,
      status: 'ok',
    });
    // April: budgeted 100 + 30 = 130 (= 4×100 − 270), nothing spent yet.
    expect(await numbersOn('2026-04-01', budget.id)).toEqual({
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      budgeted: 130_00,
      spent: 0,
      remaining: 130_00,
      percentUsed: 0,
      status: 'ok',
    });
  });

  it('reports percentUsed null while a carried overspend leaves nothing (≤ 0) to budget', async () => {
    const { caller, fun, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: fun.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
      rollover: true,
    });
    await spend(-300_00, '2026-01-05', { categoryId: fun.id });
    await spend(-10_00, '2026-03-15', { categoryId: fun.id });

    // February: budgeted 2×100 − 300 = −100, spent 0 > −100: over, no percentage.
    expect(await numbersOn('2026-02-01', budget.id)).toEqual({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      budgeted: -100_00,
      spent: 0,
      remaining: -100_00,
      percentUsed: null,
      status: 'over',
    });
    // March: budgeted 3×100 − 300 = 0, spent 10: over, still no percentage.
    expect(await numbersOn('2026-03-01', budget.id)).toEqual({
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      budgeted: 0,
      spent: 10_00,
      remaining: -10_00,
      percentUsed: null,
      status: 'over',
    });
    // April: budgeted 4×100 − 310 = 90, spent 0: back to a percentage.
    expect(await numbersOn('2026-04-30', budget.id)).toMatchObject({
      budgeted: 90_00,
      spent: 0,
      percentUsed: 0,
      status: 'ok',
    });
  });

  it('carries weekly across ISO week 53 and yearly across year ends', async () => {
    const { caller, food, fun, spend, numbersOn } = await budgeter();
    const weekly = await caller.budgets.create({
      categoryId: food.id,
      amount: 50_00,
      period: 'weekly',
      startsOn: '2020-12-21', // Monday of 2020-W52
      rollover: true,
    });
    await spend(-20_00, '2020-12-23'); // W52
    await spend(-90_00, '2021-01-01'); // W53
    await spend(-10_00, '2021-01-05'); // 2021-W01
    // W52: 50 budgeted, 20 spent.
    expect(await numbersOn('2020-12-21', weekly.id)).toMatchObject({
      budgeted: 50_00,
      spent: 20_00,
      percentUsed: 40,
      status: 'ok',
    });
    // W53: 50 + 30 = 80 budgeted, 90 spent: over by 10, 112.5 %.
    expect(await numbersOn('2021-01-01', weekly.id)).toEqual({
      periodStart: '2020-12-28',
      periodEnd: '2021-01-03',
      budgeted: 80_00,
      spent: 90_00,
      remaining: -10_00,
      percentUsed: 112.5,
      status: 'over',
    });
    // 2021-W01: 3×50 − 110 = 40 budgeted, 10 spent, 25 %.
    expect(await numbersOn('2021-01-06', weekly.id)).toEqual({
      periodStart: '2021-01-04',
      periodEnd: '2021-01-10',
      budgeted: 40_00,
      spent: 10_00,
      remaining: 30_00,
      percentUsed: 25,
      status: 'ok',
    });

    const yearly = await caller.budgets.create({
      categoryId: fun.id,
      amount: 1200_00,
      period: 'yearly',
      startsOn: '2024-03-01',
      rollover: true,
    });
    await spend(-1000_00, '2024-02-29', { categoryId: fun.id });
    await spend(-1500_00, '2025-12-31', { categoryId: fun.id });
    await spend(-300_00, '2026-01-01', { categoryId: fun.id });
    // 2025: 2×1200 − 1000 = 1400 budgeted, 1500 spent: over, 107.14 %.
    expect(await numbersOn('2025-06-01', yearly.id)).toMatchObject({
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      budgeted: 1400_00,
      spent: 1500_00,
      remaining: -100_00,
      percentUsed: 107.14,
      status: 'over',
    });
    // 2026: 3×1200 − 2500 = 1100 budgeted, 300 spent, 27.27 %.
    expect(await numbersOn('2026-06-01', yearly.id)).toMatchObject({
      budgeted: 1100_00,
      spent: 300_00,
      remaining: 800_00,
      percentUsed: 27.27,
      status: 'ok',
    });
  });
});
