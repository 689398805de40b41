import { describe, expect, it } from 'vitest';
import type { BudgetProgress } from '../schemas/budgets.ts';
import { type callerFor, invalidFields, useTestApi } from '../testing/index.ts';

const api = useTestApi();

type Caller = ReturnType<typeof callerFor>;
type CreateBudget = Parameters<Caller['budgets']['create']>[0];

const anonymous = () => api.anonymous();

/** A user from signUpWithLedger with helpers for these tests. */
async function budgeter(label = 'budgeter') {
  const user = await api.signUpWithLedger(label);
  const { caller, checking, food } = user;

  /** A transaction from checking into Food unless told otherwise. */
  const spend = (
    amount: number,
    occurredOn: string,
    where: { accountId?: string; categoryId?: string | null } = {},
  ) =>
    caller.transactions.create({
      accountId: where.accountId ?? checking.id,
      categoryId: where.categoryId === undefined ? food.id : where.categoryId,
      amount,
      occurredOn,
    });

  /** The progress of one budget on a day, or undefined when it is not active then. */
  const progressOn = async (on: string, budgetId: string): Promise<BudgetProgress | undefined> =>
    (await caller.budgets.progress({ on })).find((item) => item.budget.id === budgetId);

  /** The numbers of one budget's progress on a day; fails when it is not active then. */
  const numbersOn = async (on: string, budgetId: string) => {
    const found = await progressOn(on, budgetId);
    if (found === undefined) throw new Error(`budget ${budgetId} is not active on ${on}`);
    const { budget: _budget, ...numbers } = found;
    return numbers;
  };

  return { ...user, spend, progressOn, numbersOn };
}

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

describe('budgets.progress: what counts as spent', () => {
  it('refunds into the category reduce spent, even below zero', async () => {
    const { caller, food, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 200_00,
      period: 'monthly',
      startsOn: '2026-05-01',
    });
    await spend(-150_00, '2026-05-02');
    await spend(40_00, '2026-05-03'); // a refund
    await spend(-10_00, '2026-05-20');
    await spend(25_00, '2026-06-10'); // a refund of May's shopping, in June

    // May: 150 − 40 + 10 = 120 of 200 → 60 %.
    expect(await numbersOn('2026-05-31', budget.id)).toEqual({
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      budgeted: 200_00,
      spent: 120_00,
      remaining: 80_00,
      percentUsed: 60,
      status: 'ok',
    });
    // June: only the refund: spent −25, remaining 225.
    expect(await numbersOn('2026-06-01', budget.id)).toMatchObject({
      spent: -25_00,
      remaining: 225_00,
      percentUsed: -12.5,
      status: 'ok',
    });
  });

  it('ignores transfers, other categories, other currencies and income categories', async () => {
    const { caller, food, fun, wages, checking, savings, euros, spend, numbersOn } =
      await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-07-01',
    });
    await spend(-30_00, '2026-07-02'); // counts
    await spend(-5_00, '2026-07-03', { accountId: savings.id }); // counts: any USD account
    await caller.transactions.transfer({
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 500_00,
      occurredOn: '2026-07-10',
    });
    await spend(-40_00, '2026-07-04', { categoryId: fun.id });
    await spend(-50_00, '2026-07-05', { accountId: euros.id });
    await spend(-20_00, '2026-07-06', { categoryId: wages.id });
    await spend(1000_00, '2026-07-06', { categoryId: wages.id });
    await spend(-60_00, '2026-07-07', { categoryId: null });

    // Only Food in USD: 30 from checking + 5 from savings.
    expect(await numbersOn('2026-07-15', budget.id)).toEqual({
      periodStart: '2026-07-01',
      periodEnd: '2026-07-31',
      budgeted: 100_00,
      spent: 35_00,
      remaining: 65_00,
      percentUsed: 35,
      status: 'ok',
    });
  });

  it('follows edits and deletes of transactions: amount, date, category and removal', async () => {
    const { caller, food, fun, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-09-01',
    });
    const lunch = await spend(-10_00, '2026-09-03');
    const dinner = await spend(-20_00, '2026-09-04');
    const snack = await spend(-5_00, '2026-09-05');
    expect(await numbersOn('2026-09-30', budget.id)).toMatchObject({ spent: 35_00 });

    // Same day, same category, same sign: only the amount changes, 10 → 15.
    await caller.transactions.update({ id: lunch.id, amount: -15_00 });
    expect(await numbersOn('2026-09-30', budget.id)).toMatchObject({ spent: 40_00 });
    // Into October, out of Food, and gone: September keeps only the lunch.
    await caller.transactions.update({ id: dinner.id, occurredOn: '2026-10-01' });
    await caller.transactions.update({ id: snack.id, categoryId: fun.id });
    expect(await numbersOn('2026-09-30', budget.id)).toMatchObject({ spent: 15_00 });
    expect(await numbersOn('2026-10-01', budget.id)).toMatchObject({ spent: 20_00 });
    await caller.transactions.delete({ id: lunch.id });
    expect(await numbersOn('2026-09-30', budget.id)).toMatchObject({ spent: 0 });
  });

  it('keeps currencies apart: a EUR budget ignores USD spending and a USD one ignores EUR', async () => {
    const { caller, food, fun, euros, spend, progressOn } = await budgeter();
    const inEuros = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      currency: 'EUR',
      period: 'monthly',
      startsOn: '2026-08-01',
    });
    const inDollars = await caller.budgets.create({
      categoryId: fun.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-08-01',
    });
    expect(inEuros.currency).toBe('EUR');
    expect(inDollars.currency).toBe('USD');
    await spend(-500_00, '2026-08-02');
    await spend(-12_00, '2026-08-03', { accountId: euros.id });
    await spend(-7_00, '2026-08-04', { accountId: euros.id, categoryId: fun.id });
    await spend(-3_00, '2026-08-05', { categoryId: fun.id });

    expect(await progressOn('2026-08-31', inEuros.id)).toMatchObject({
      budget: { currency: 'EUR' },
      spent: 12_00,
      remaining: 88_00,
      status: 'ok',
    });
    expect(await progressOn('2026-08-31', inDollars.id)).toMatchObject({
      budget: { currency: 'USD' },
      spent: 3_00,
      remaining: 97_00,
    });
  });
});

describe('budgets.progress: status', () => {
  it('is ok below the threshold, warning from exactly the threshold through exactly 100 %, over above', async () => {
    const { caller, food, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: food.id,
      amount: 100_00,
      period: 'monthly',
      startsOn: '2026-01-01',
      alertThreshold: 80,
    });
    await spend(-79_99, '2026-01-15');
    await spend(-80_00, '2026-02-15');
    await spend(-100_00, '2026-03-15');
    await spend(-100_01, '2026-04-15');

    expect(await numbersOn('2026-01-15', budget.id)).toMatchObject({
      percentUsed: 79.99,
      status: 'ok',
    });
    expect(await numbersOn('2026-02-15', budget.id)).toMatchObject({
      percentUsed: 80,
      status: 'warning',
    });
    expect(await numbersOn('2026-03-15', budget.id)).toMatchObject({
      percentUsed: 100,
      remaining: 0,
      status: 'warning',
    });
    expect(await numbersOn('2026-04-15', budget.id)).toMatchObject({
      percentUsed: 100.01,
      remaining: -1,
      status: 'over',
    });
  });

  it('compares spent with the threshold exactly, not through the rounded percentage', async () => {
    const { caller, fun, spend, numbersOn } = await budgeter();
    // 2 of 3 is 66.666… %: at or above a 66 % threshold, below a 67 % one.
    const monthly = await caller.budgets.create({
      categoryId: fun.id,
      amount: 3,
      period: 'monthly',
      startsOn: '2026-01-01',
      alertThreshold: 67,
    });
    const weekly = await caller.budgets.create({
      categoryId: fun.id,
      amount: 3,
      period: 'weekly',
      startsOn: '2026-01-01',
      alertThreshold: 66,
    });
    await spend(-2, '2026-01-07', { categoryId: fun.id });
    expect(await numbersOn('2026-01-07', monthly.id)).toMatchObject({
      percentUsed: 66.67,
      status: 'ok',
    });
    expect(await numbersOn('2026-01-07', weekly.id)).toMatchObject({
      percentUsed: 66.67,
      status: 'warning',
    });
  });

  it('with a 100 % threshold warns only once the whole amount is spent', async () => {
    const { caller, fun, spend, numbersOn } = await budgeter();
    const budget = await caller.budgets.create({
      categoryId: fun.id,
      amount: 100_00,
      period: 'yearly',
      startsOn: '2027-01-01',
      alertThreshold: 100,
    });
    await spend(-99_99, '2027-05-05', { categoryId: fun.id });
    await spend(-100_00, '2028-05-05', { categoryId: fun.id });
    expect(await numbersOn('2027-05-05', budget.id)).toMatchObject({ status: 'ok' });
    expect(await numbersOn('2028-05-05', budget.id)).toMatchObject({ status: 'warning' });
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
