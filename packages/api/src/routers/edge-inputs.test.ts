import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../services/ledger/transaction-cursor.ts';
import { isoWeekLabel, periodEnd } from '../services/planning/periods.ts';
import { invalidFields, useTestApi } from '../testing/index.ts';

const api = useTestApi();

describe('dates are bounded to 1900-01-01 … 2999-12-31 and compute exactly inside', () => {
  it('answers budgets.progress on 2999-12-31 with periods that end inside the range', async () => {
    const { caller, food } = await api.signUpWithLedger();
    for (const period of ['weekly', 'monthly', 'yearly'] as const) {
      const { categoryId } = await caller.budgets.create({
        categoryId: (await caller.categories.create({ name: `B ${period}`, kind: 'expense' })).id,
        amount: 100,
        period,
        startsOn: '2999-01-01',
      });
      expect(categoryId).toBeDefined();
    }
    await caller.budgets.create({ categoryId: food.id, amount: 100, period: 'monthly' });
    const progress = await caller.budgets.progress({ on: '2999-12-31' });
    expect(progress.map((row) => [row.budget.period, row.periodEnd]).sort()).toEqual([
      ['monthly', '2999-12-31'],
      ['monthly', '2999-12-31'],
      ['weekly', '3000-01-05'],
      ['yearly', '2999-12-31'],
    ]);
  });

  it('refuses year 0000 and dates past 2999 with BAD_REQUEST naming the field', async () => {
    const { caller, checking, food } = await api.signUpWithLedger();
    const base = { accountId: checking.id, amount: -5 };
    expect(
      await invalidFields(caller.transactions.create({ ...base, occurredOn: '0000-01-01' })),
    ).toEqual(['occurredOn']);
    expect(
      await invalidFields(caller.transactions.create({ ...base, occurredOn: '3000-01-01' })),
    ).toEqual(['occurredOn']);
    expect(await invalidFields(caller.transactions.list({ from: '0000-01-01' }))).toEqual(['from']);
    expect(await invalidFields(caller.transactions.page({ to: '1899-12-31' }))).toEqual(['to']);
    expect(
      await invalidFields(
        caller.budgets.create({
          categoryId: food.id,
          amount: 5,
          period: 'weekly',
          startsOn: '0000-01-03',
        }),
      ),
    ).toEqual(['startsOn']);
    expect(await invalidFields(caller.budgets.progress({ on: '9999-12-31' }))).toEqual(['on']);
    expect(
      await invalidFields(caller.reports.summary({ from: '2026-01-01', to: '9999-12-31' })),
    ).toEqual(['to']);
  });

  it('refuses a cursor holding a date outside the range with BAD_REQUEST', async () => {
    const { caller } = await api.signUpWithLedger();
    const cursor = encodeCursor('date_desc', {
      occurredOn: '0000-01-01',
      amount: -5,
      id: '00000000-0000-4000-8000-000000000000',
    } as Parameters<typeof encodeCursor>[1]);
    await expect(caller.transactions.list({ cursor })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('cursor') as unknown,
    });
  });

  it('reports a month trend ending in December 2999 and weekly trends in 1900', async () => {
    const { caller } = await api.signUpWithLedger();
    const months = await caller.reports.trend({
      from: '2999-11-15',
      to: '2999-12-31',
      granularity: 'month',
    });
    expect(months[0]?.points.map((point) => point.period)).toEqual(['2999-11', '2999-12']);
    const weeks = await caller.reports.trend({
      from: '1900-01-01',
      to: '1900-01-14',
      granularity: 'week',
    });
    expect(weeks[0]?.points.map((point) => point.period)).toEqual(['1900-W01', '1900-W02']);
    const summary = await caller.reports.summary({ from: '1900-01-01', to: '2999-12-31' });
    expect(summary[0]?.net).toBe(0);
  });

  it('labels ISO weeks with four-digit years and knows month ends and leap years', () => {
    expect(isoWeekLabel('0999-06-01')).toMatch(/^0999-W\d{2}$/);
    expect(isoWeekLabel('1900-12-31')).toBe('1901-W01');
    expect(isoWeekLabel('2999-12-31')).toBe('3000-W01');
    expect(periodEnd('monthly', '1900-02-10')).toBe('1900-02-28'); // 1900 is no leap year
    expect(periodEnd('monthly', '2000-02-10')).toBe('2000-02-29');
    expect(periodEnd('monthly', '2996-02-01')).toBe('2996-02-29');
    expect(periodEnd('yearly', '2999-06-01')).toBe('2999-12-31');
  });
});

describe('text never holds control characters', () => {
  it('refuses NUL and other control characters in names, payees, notes, keys and display names', async () => {
    const { caller, checking } = await api.signUpWithLedger();
    expect(await invalidFields(caller.accounts.create({ name: 'a\u0000b', type: 'cash' }))).toEqual(
      ['name'],
    );
    expect(
      await invalidFields(caller.categories.create({ name: 'x\u0007', kind: 'expense' })),
    ).toEqual(['name']);
    const base = { accountId: checking.id, amount: -5, occurredOn: '2026-01-01' };
    expect(await invalidFields(caller.transactions.create({ ...base, payee: 'p\u0000' }))).toEqual([
      'payee',
    ]);
    expect(await invalidFields(caller.transactions.create({ ...base, note: 'n\u0000' }))).toEqual([
      'note',
    ]);
    expect(
      await invalidFields(caller.transactions.create({ ...base, idempotencyKey: 'k\u0000' })),
    ).toEqual(['idempotencyKey']);
    expect(await invalidFields(caller.auth.updateProfile({ displayName: 'd\u0000' }))).toEqual([
      'displayName',
    ]);
    expect(
      await invalidFields(
        api.anonymous().auth.register({
          email: 'nul@example.test',
          password: 'correct horse battery',
          displayName: 'a\u0000',
        }),
      ),
    ).toEqual(['displayName']);
  });

  it('keeps newlines and tabs in notes', async () => {
    const { caller, checking } = await api.signUpWithLedger();
    const row = await caller.transactions.create({
      accountId: checking.id,
      amount: -5,
      occurredOn: '2026-01-01',
      note: 'line one\n\tline two',
    });
    expect(row.note).toBe('line one\n\tline two');
  });
});
