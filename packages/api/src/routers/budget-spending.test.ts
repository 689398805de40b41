import { describe, expect, it } from 'vitest';
import { useTestApi } from '../testing/index.ts';
import { signUpBudgeter } from '../testing/budgeter.ts';

const api = useTestApi();

const budgeter = (label?: string) => signUpBudgeter(api.deps, label);

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
