import { describe, expect, it } from 'vitest';
import { invalidFields, useTestApi } from '../testing/index.ts';

const api = useTestApi();

const anonymous = () => api.anonymous();

/** A user from signUpWithLedger with helpers for these tests. */
async function reporter(label = 'reporter') {
  const user = await api.signUpWithLedger(label);
  const { caller, checking, savings } = user;

  /** A transaction in checking, uncategorized unless told otherwise. */
  const record = (
    amount: number,
    occurredOn: string,
    where: { accountId?: string; categoryId?: string | null } = {},
  ) =>
    caller.transactions.create({
      accountId: where.accountId ?? checking.id,
      categoryId: where.categoryId ?? null,
      amount,
      occurredOn,
    });
  const transfer = (amount: number, occurredOn: string) =>
    caller.transactions.transfer({
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount,
      occurredOn,
    });

  return { ...user, record, transfer };
}

const zeroSummary = (currency: string) => ({
  currency,
  income: 0,
  expense: 0,
  net: 0,
  byCategory: [],
});

describe('reports.summary', () => {
  it('totals a month by category kind: refunds lower expense, uncategorized splits by direction, transfers are out', async () => {
    const { caller, food, fun, wages, euros, record, transfer } = await reporter();
    // USD, March 2026
    await record(3000_00, '2026-03-01', { categoryId: wages.id });
    await record(-100_00, '2026-03-25', { categoryId: wages.id }); // a clawback lowers income
    await record(-120_00, '2026-03-05', { categoryId: food.id });
    await record(50_00, '2026-03-10', { categoryId: food.id }); // a refund lowers expense
    await record(-80_00, '2026-03-31', { categoryId: food.id });
    await record(-40_00, '2026-03-15', { categoryId: fun.id });
    await record(-25_00, '2026-03-20'); // uncategorized out: expense
    await record(10_00, '2026-03-21'); // uncategorized in: income
    await record(5_00, '2026-03-21');
    await transfer(500_00, '2026-03-12'); // neither income nor expense
    // Outside the range
    await record(-999_00, '2026-02-28', { categoryId: food.id });
    await record(777_00, '2026-04-01', { categoryId: wages.id });
    // EUR, March 2026
    await record(-70_00, '2026-03-03', { accountId: euros.id, categoryId: food.id });
    await record(30_00, '2026-03-04', { accountId: euros.id, categoryId: fun.id }); // refund only
    await record(200_00, '2026-03-31', { accountId: euros.id });

    const summary = await caller.reports.summary({ from: '2026-03-01', to: '2026-03-31' });
    expect(summary).toEqual([
      {
        currency: 'EUR',
        income: 200_00,
        expense: 40_00, // 70 − 30
        net: 160_00,
        byCategory: [
          { categoryId: food.id, name: 'Food', kind: 'expense', total: 70_00, count: 1 },
          { categoryId: fun.id, name: 'Fun', kind: 'expense', total: -30_00, count: 1 },
          { categoryId: null, name: 'Uncategorized', kind: 'income', total: 200_00, count: 1 },
        ],
      },
      {
        currency: 'USD',
        income: 2915_00, // 3000 − 100 + 10 + 5
        expense: 215_00, // 120 − 50 + 80 + 40 + 25
        net: 2700_00,
        byCategory: [
          { categoryId: food.id, name: 'Food', kind: 'expense', total: 150_00, count: 3 },
          { categoryId: fun.id, name: 'Fun', kind: 'expense', total: 40_00, count: 1 },
          { categoryId: null, name: 'Uncategorized', kind: 'expense', total: 25_00, count: 1 },
          { categoryId: wages.id, name: 'Wages', kind: 'income', total: 2900_00, count: 2 },
          { categoryId: null, name: 'Uncategorized', kind: 'income', total: 15_00, count: 2 },
        ],
      },
    ]);

    // One day: only the two uncategorized deposits; no EUR activity, so no EUR entry.
    expect(await caller.reports.summary({ from: '2026-03-21', to: '2026-03-21' })).toEqual([
      {
        currency: 'USD',
        income: 15_00,
        expense: 0,
        net: 15_00,
        byCategory: [
          { categoryId: null, name: 'Uncategorized', kind: 'income', total: 15_00, count: 2 },
        ],
      },
    ]);
    // The transfer day alone: nothing at all.
    expect(await caller.reports.summary({ from: '2026-03-12', to: '2026-03-12' })).toEqual([
      zeroSummary('USD'),
    ]);
  });

  it('always includes the user’s own currency, and sorts currencies', async () => {
    const empty = await reporter();
    expect(await empty.caller.reports.summary({ from: '2026-01-01', to: '2026-12-31' })).toEqual([
      zeroSummary('USD'),
    ]);

    const { caller, euros, record } = await reporter();
    await caller.auth.updateProfile({ currency: 'GBP' });
    await record(-5_00, '2026-01-02', { accountId: euros.id });
    const summary = await caller.reports.summary({ from: '2026-01-01', to: '2026-12-31' });
    expect(summary.map((entry) => entry.currency)).toEqual(['EUR', 'GBP']);
    expect(summary[1]).toEqual(zeroSummary('GBP'));
  });

  it('follows edits, deletes and category deletion of the ledger', async () => {
    const { caller, food, fun, record } = await reporter();
    const lunch = await record(-10_00, '2026-05-01', { categoryId: food.id });
    const refund = await record(4_00, '2026-05-02', { categoryId: food.id });
    await record(-1_00, '2026-05-03', { categoryId: fun.id });
    const range = { from: '2026-05-01', to: '2026-05-31' };

    // Same day, category and sign: just the amount, 10 → 12.
    await caller.transactions.update({ id: lunch.id, amount: -12_00 });
    expect((await caller.reports.summary(range))[0]).toMatchObject({ expense: 9_00 });
    await caller.transactions.delete({ id: refund.id });
    expect((await caller.reports.summary(range))[0]).toMatchObject({ expense: 13_00 });

    // Food goes: its money becomes uncategorized (out is expense, in is income).
    await record(3_00, '2026-05-04', { categoryId: food.id });
    await caller.categories.delete({ id: food.id });
    expect((await caller.reports.summary(range))[0]).toEqual({
      currency: 'USD',
      income: 3_00,
      expense: 13_00,
      net: -10_00,
      byCategory: [
        { categoryId: null, name: 'Uncategorized', kind: 'expense', total: 12_00, count: 1 },
        { categoryId: fun.id, name: 'Fun', kind: 'expense', total: 1_00, count: 1 },
        { categoryId: null, name: 'Uncategorized', kind: 'income', total: 3_00, count: 1 },
      ],
    });

    // Reassigned: its money moves with it, lines merge.
    const treats = await caller.categories.create({ name: 'Treats', kind: 'expense' });
    await record(-2_00, '2026-05-03', { categoryId: treats.id });
    await caller.categories.delete({ id: treats.id, reassignTo: fun.id });
    expect((await caller.reports.summary(range))[0]?.byCategory).toContainEqual({
      categoryId: fun.id,
      name: 'Fun',
      kind: 'expense',
      total: 3_00,
      count: 2,
    });
  });

  it.each([
    ['to before from', { from: '2026-02-01', to: '2026-01-31' }, 'to'],
    ['an impossible from', { from: '2026-02-30', to: '2026-03-31' }, 'from'],
    ['a malformed to', { from: '2026-01-01', to: '2026-3-1' }, 'to'],
    ['a timestamp', { from: '2026-01-01T00:00:00Z', to: '2026-03-01' }, 'from'],
    ['a missing to', { from: '2026-01-01' }, 'to'],
    ['a date as a number', { from: 20260101, to: '2026-03-01' }, 'from'],
    ['an unknown key', { from: '2026-01-01', to: '2026-01-31', currency: 'USD' }, 'currency'],
  ])('rejects %s', async (_name, input, field) => {
    const { caller } = await reporter();
    expect(await invalidFields(caller.reports.summary(input as never))).toContain(field);
  });
});

describe('reports.trend', () => {
  it('lists every month of the range with zeros, across a leap February, counting only days inside it', async () => {
    const { caller, food, fun, wages, euros, record, transfer } = await reporter();
    await record(-1_00, '2023-12-14', { categoryId: food.id }); // before from
    await record(-2_00, '2023-12-15', { categoryId: food.id });
    await record(4_00, '2023-12-31', { categoryId: wages.id });
    await record(-8_00, '2024-02-29', { categoryId: food.id });
    await record(1_00, '2024-02-29', { categoryId: food.id }); // a refund
    await record(16_00, '2024-03-01'); // uncategorized in
    await transfer(32_00, '2024-03-02');
    await record(-64_00, '2024-04-10', { categoryId: fun.id });
    await record(-128_00, '2024-04-11', { categoryId: fun.id }); // after to
    await record(-3_00, '2024-02-29', { accountId: euros.id });

    const range = { from: '2023-12-15', to: '2024-04-10' };
    const trend = await caller.reports.trend({ ...range, granularity: 'month' });
    const zero = { income: 0, expense: 0, net: 0 };
    expect(trend).toEqual([
      {
        currency: 'EUR',
        points: [
          { period: '2023-12', ...zero },
          { period: '2024-01', ...zero },
          { period: '2024-02', income: 0, expense: 3_00, net: -3_00 },
          { period: '2024-03', ...zero },
          { period: '2024-04', ...zero },
        ],
      },
      {
        currency: 'USD',
        points: [
          { period: '2023-12', income: 4_00, expense: 2_00, net: 2_00 },
          { period: '2024-01', ...zero },
          { period: '2024-02', income: 0, expense: 7_00, net: -7_00 },
          { period: '2024-03', income: 16_00, expense: 0, net: 16_00 },
          { period: '2024-04', income: 0, expense: 64_00, net: -64_00 },
        ],
      },
    ]);

    // The points add up to the summary of the same range.
    const summary = await caller.reports.summary(range);
    expect(
      summary.map(({ currency, income, expense, net }) => ({ currency, income, expense, net })),
    ).toEqual([
      { currency: 'EUR', income: 0, expense: 3_00, net: -3_00 },
      { currency: 'USD', income: 20_00, expense: 73_00, net: -53_00 },
    ]);
  });

  it('lists every ISO week with zeros across a year end with week 53, counting only days inside the range', async () => {
    const { caller, food, fun, wages, record } = await reporter();
    await record(-1_00, '2020-12-19', { categoryId: food.id }); // Saturday of W51, before from
    await record(-2_00, '2020-12-20', { categoryId: food.id }); // Sunday of W51
    await record(4_00, '2020-12-31', { categoryId: wages.id }); // W53
    await record(-8_00, '2021-01-03', { categoryId: food.id }); // Sunday of W53
    await record(-16_00, '2021-01-04'); // Monday of 2021-W01, uncategorized out
    await record(-32_00, '2021-01-12', { categoryId: fun.id }); // 2021-W02
    await record(-64_00, '2021-01-13', { categoryId: fun.id }); // after to

    const trend = await caller.reports.trend({
      from: '2020-12-20',
      to: '2021-01-12',
      granularity: 'week',
    });
    expect(trend).toEqual([
      {
        currency: 'USD',
        points: [
          { period: '2020-W51', income: 0, expense: 2_00, net: -2_00 },
          { period: '2020-W52', income: 0, expense: 0, net: 0 },
          { period: '2020-W53', income: 4_00, expense: 8_00, net: -4_00 },
          { period: '2021-W01', income: 0, expense: 16_00, net: -16_00 },
          { period: '2021-W02', income: 0, expense: 32_00, net: -32_00 },
        ],
      },
    ]);
  });

  it('labels weeks by ISO year: 2019-12-30 starts 2020-W01, and a one-day range is one point', async () => {
    const { caller } = await reporter();
    const weeks = await caller.reports.trend({
      from: '2019-12-25',
      to: '2020-01-06',
      granularity: 'week',
    });
    expect(weeks.map((entry) => entry.points.map((point) => point.period))).toEqual([
      ['2019-W52', '2020-W01', '2020-W02'],
    ]);
    const day = await caller.reports.trend({
      from: '2024-02-29',
      to: '2024-02-29',
      granularity: 'month',
    });
    expect(day).toEqual([
      { currency: 'USD', points: [{ period: '2024-02', income: 0, expense: 0, net: 0 }] },
    ]);
  });

  it('allows 5000 points and refuses 5001 with BAD_REQUEST', async () => {
    const { caller } = await reporter();
    const months = await caller.reports.trend({
      from: '1900-01-01',
      to: '2316-08-31',
      granularity: 'month',
    });
    expect(months[0]?.points).toHaveLength(5000);
    expect(months[0]?.points.at(-1)?.period).toBe('2316-08');
    await expect(
      caller.reports.trend({ from: '1900-01-01', to: '2316-09-01', granularity: 'month' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    // 2000-01-03 is a Monday; the 5000th week starts on 2095-10-24.
    const weeks = await caller.reports.trend({
      from: '2000-01-03',
      to: '2095-10-30',
      granularity: 'week',
    });
    expect(weeks[0]?.points).toHaveLength(5000);
    await expect(
      caller.reports.trend({ from: '2000-01-03', to: '2095-10-31', granularity: 'week' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it.each([
    ['to before from', { from: '2026-02-01', to: '2026-01-31', granularity: 'month' }, 'to'],
    ['an impossible to', { from: '2026-01-01', to: '2026-02-29', granularity: 'week' }, 'to'],
    ['a malformed from', { from: '26-01-01', to: '2026-02-01', granularity: 'week' }, 'from'],
    [
      'a day granularity',
      { from: '2026-01-01', to: '2026-02-01', granularity: 'day' },
      'granularity',
    ],
    ['a missing granularity', { from: '2026-01-01', to: '2026-02-01' }, 'granularity'],
    [
      'an unknown key',
      { from: '2026-01-01', to: '2026-02-01', granularity: 'month', currency: 'USD' },
      'currency',
    ],
  ])('rejects %s', async (_name, input, field) => {
    const { caller } = await reporter();
    expect(await invalidFields(caller.reports.trend(input as never))).toContain(field);
  });
});

describe('reports access', () => {
  it('both procedures need a token', async () => {
    await expect(
      anonymous().reports.summary({ from: '2026-01-01', to: '2026-01-31' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(
      anonymous().reports.trend({ from: '2026-01-01', to: '2026-01-31', granularity: 'week' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it("never shows another user's money", async () => {
    const alice = await reporter('alice');
    const bob = await reporter('bob');
    await bob.record(-50_00, '2026-01-10', { categoryId: bob.food.id });
    await bob.record(70_00, '2026-01-11');
    await bob.record(-9_00, '2026-01-12', { accountId: bob.euros.id });
    await alice.record(-1_00, '2026-01-10', { categoryId: alice.food.id });

    const range = { from: '2026-01-01', to: '2026-01-31' };
    expect(await alice.caller.reports.summary(range)).toEqual([
      {
        currency: 'USD',
        income: 0,
        expense: 1_00,
        net: -1_00,
        byCategory: [
          { categoryId: alice.food.id, name: 'Food', kind: 'expense', total: 1_00, count: 1 },
        ],
      },
    ]);
    expect(await alice.caller.reports.trend({ ...range, granularity: 'month' })).toEqual([
      { currency: 'USD', points: [{ period: '2026-01', income: 0, expense: 1_00, net: -1_00 }] },
    ]);
    expect((await bob.caller.reports.summary(range)).map((entry) => entry.currency)).toEqual([
      'EUR',
      'USD',
    ]);
  });
});
