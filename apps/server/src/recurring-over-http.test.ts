import {
  silentLogger,
  type Account,
  type CurrencySummary,
  type RecurringRule,
  type Transaction,
  type UpcomingOccurrence,
} from '@budget/api';
import { runDueRecurring } from '@budget/api/admin';
import { describe, expect, it } from 'vitest';
import { allTransactions, httpUserWithAccount, type HttpUser } from './testing/http-user.ts';
import { errorCodeOf, mutate, query, useTestServer } from './testing/index.ts';

const server = useTestServer();

const DAY = 86_400_000;
/** The UTC calendar date `days` from now (the test users stay in UTC). */
const utcDay = (days = 0) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const dayAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

async function madeBy(user: HttpUser, ruleId: string) {
  return (await allTransactions<Transaction>(user)).filter((item) => item.recurringId === ruleId);
}

async function balanceOf(user: HttpUser, accountId: string) {
  return (await user.query<Account>('accounts.byId', { id: accountId })).balance;
}

/** The runner as the scheduler and `budget-admin recurring:run` call it, at a chosen instant. */
const runRecurringAt = (now: Date) =>
  runDueRecurring({ db: server.deps.db, log: silentLogger }, { now });

describe('recurring.create over HTTP: a past start catches up at once', () => {
  it('a monthly rule from Jan 31 falls on the last day of shorter months (Feb 29, Apr 30), each once', async () => {
    const user = await httpUserWithAccount(server.app, 'rec-month-end');
    const rule = await user.mutate<RecurringRule>('recurring.create', {
      accountId: user.accountId,
      amount: -150_000,
      payee: 'Rent',
      frequency: 'monthly',
      startsOn: '2024-01-31',
      endsOn: '2024-06-15',
    });
    expect(rule).toMatchObject({ currency: 'USD', interval: 1, paused: false, nextOn: null });
    const made = await madeBy(user, rule.id);
    expect(made.map((item) => item.occurredOn)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
    expect(made.every((item) => item.kind === 'expense' && item.payee === 'Rent')).toBe(true);
    expect(await balanceOf(user, user.accountId)).toBe(-750_000);
    // The runner finds nothing left to do: no occurrence is made twice.
    await runRecurringAt(new Date());
    expect(await madeBy(user, rule.id)).toHaveLength(5);
  });

  it('a yearly Feb 29 rule falls on Feb 28 in common years and on Feb 29 in leap years', async () => {
    const user = await httpUserWithAccount(server.app, 'rec-feb-29');
    const rule = await user.mutate<RecurringRule>('recurring.create', {
      accountId: user.accountId,
      amount: 2_900,
      payee: 'Leap bonus',
      frequency: 'yearly',
      startsOn: '2020-02-29',
      endsOn: '2028-12-31',
    });
    const made = (await madeBy(user, rule.id)).map((item) => item.occurredOn);
    const today = utcDay();
    const expected = [
      '2020-02-29',
      '2021-02-28',
      '2022-02-28',
      '2023-02-28',
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ];
    expect(made).toEqual(expected.filter((on) => on <= today));
    const future = await user.query<UpcomingOccurrence[]>('recurring.upcoming', {
      from: '2027-01-01',
      to: '2027-12-31',
    });
    expect(future.map((entry) => entry.on)).toEqual(['2027-02-28']);
    const leap = await user.query<UpcomingOccurrence[]>('recurring.upcoming', {
      from: '2028-01-01',
      to: '2028-12-31',
    });
    expect(leap.map((entry) => entry.on)).toEqual(['2028-02-29']);
  });

  it("a rule starting on Kiritimati's today is made for a user there (UTC+14), not yet at UTC−12", async () => {
    const ahead = await httpUserWithAccount(server.app, 'rec-ahead');
    const behind = await httpUserWithAccount(server.app, 'rec-behind');
    await ahead.mutate('auth.updateProfile', { timeZone: 'Pacific/Kiritimati' });
    await behind.mutate('auth.updateProfile', { timeZone: 'Etc/GMT+12' });
    const startsOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(
      new Date(),
    );
    for (const user of [ahead, behind]) {
      await user.mutate('recurring.create', {
        accountId: user.accountId,
        amount: -100,
        frequency: 'daily',
        startsOn,
      });
    }
    expect(await balanceOf(ahead, ahead.accountId)).toBe(-100);
    expect(await balanceOf(behind, behind.accountId)).toBe(0);
  });
});

describe('skip, pause, upcoming and the runner over HTTP', () => {
  it('skipped days are neither forecast nor made; the runner catches up after days down, once', async () => {
    const user = await httpUserWithAccount(server.app, 'rec-skip');
    const startsOn = utcDay(1);
    const rule = await user.mutate<RecurringRule>('recurring.create', {
      accountId: user.accountId,
      amount: -500,
      payee: 'Lunch',
      frequency: 'daily',
      startsOn,
      endsOn: dayAfter(startsOn, 4),
    });
    expect(rule.nextOn).toBe(startsOn);
    expect(await madeBy(user, rule.id)).toHaveLength(0);

    const skipped = await user.mutate<RecurringRule>('recurring.skip', {
      id: rule.id,
      on: dayAfter(startsOn, 2),
    });
    expect(skipped.version).toBe(rule.version + 1);
    const forecast = await user.query<UpcomingOccurrence[]>('recurring.upcoming');
    expect(forecast.filter((entry) => entry.ruleId === rule.id).map((entry) => entry.on)).toEqual([
      startsOn,
      dayAfter(startsOn, 1),
      dayAfter(startsOn, 3),
      dayAfter(startsOn, 4),
    ]);
    expect(forecast[0]).toMatchObject({ amount: -500, currency: 'USD', payee: 'Lunch' });
    // The forecast wrote nothing.
    expect(await madeBy(user, rule.id)).toHaveLength(0);

    // The service was down for ten days; then one run writes all that is due.
    const later = new Date(Date.now() + 10 * DAY);
    const run = await runRecurringAt(later);
    expect(run.failed).toBe(0);
    expect((await madeBy(user, rule.id)).map((item) => item.occurredOn)).toEqual([
      startsOn,
      dayAfter(startsOn, 1),
      dayAfter(startsOn, 3),
      dayAfter(startsOn, 4),
    ]);
    await runRecurringAt(later);
    expect(await madeBy(user, rule.id)).toHaveLength(4);
    expect(await balanceOf(user, user.accountId)).toBe(-2_000);
    const [usd] = await user.query<CurrencySummary[]>('reports.summary', {
      from: startsOn,
      to: dayAfter(startsOn, 4),
    });
    expect(usd).toMatchObject({ currency: 'USD', expense: 2_000, income: 0 });
    const done = await user.query<RecurringRule[]>('recurring.list');
    expect(done.find((item) => item.id === rule.id)?.nextOn).toBeNull();
  });

  it('a paused rule is not forecast and makes nothing; unpaused, the runner catches up', async () => {
    const user = await httpUserWithAccount(server.app, 'rec-pause');
    const rule = await user.mutate<RecurringRule>('recurring.create', {
      accountId: user.accountId,
      amount: 1_000,
      payee: 'Allowance',
      frequency: 'weekly',
      startsOn: utcDay(1),
    });
    const paused = await user.mutate<RecurringRule>('recurring.update', {
      id: rule.id,
      expectedVersion: rule.version,
      paused: true,
    });
    expect(paused.paused).toBe(true);
    expect(await user.query<UpcomingOccurrence[]>('recurring.upcoming')).toEqual([]);
    const threeWeeksOn = new Date(Date.now() + 20 * DAY);
    await runRecurringAt(threeWeeksOn);
    expect(await madeBy(user, rule.id)).toHaveLength(0);

    // A stale version is refused and changes nothing.
    const stale = await mutate(
      server.app,
      'recurring.update',
      { id: rule.id, expectedVersion: rule.version, paused: false },
      { token: user.token },
    );
    expect(stale.statusCode).toBe(409);
    await user.mutate('recurring.update', { id: rule.id, paused: false });
    await runRecurringAt(threeWeeksOn);
    const made = await madeBy(user, rule.id);
    expect(made.map((item) => item.occurredOn)).toEqual([utcDay(1), utcDay(8), utcDay(15)]);
    expect(await balanceOf(user, user.accountId)).toBe(3_000);
  });

  it('deleting a rule keeps the transactions it made and stops the forecast', async () => {
    const user = await httpUserWithAccount(server.app, 'rec-delete');
    const rule = await user.mutate<RecurringRule>('recurring.create', {
      accountId: user.accountId,
      amount: -10,
      frequency: 'daily',
      startsOn: utcDay(-2),
    });
    expect(await user.mutate('recurring.delete', { id: rule.id })).toEqual({ ok: true });
    expect(await madeBy(user, rule.id)).toHaveLength(3);
    expect(await user.query<UpcomingOccurrence[]>('recurring.upcoming')).toEqual([]);
  });
});

describe('recurring procedures refuse over HTTP', () => {
  it('bad input with 400 naming the field; no token with 401; another user’s rule with 404', async () => {
    const owner = await httpUserWithAccount(server.app, 'rec-owner');
    const other = await httpUserWithAccount(server.app, 'rec-other');
    const rule = await owner.mutate<RecurringRule>('recurring.create', {
      accountId: owner.accountId,
      amount: -10,
      frequency: 'monthly',
      startsOn: utcDay(5),
    });
    const bad = await mutate(
      server.app,
      'recurring.create',
      { accountId: owner.accountId, amount: -10, frequency: 'hourly', startsOn: utcDay(1) },
      { token: owner.token },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { data: { zodError: { fieldErrors: object } } } }>()).toMatchObject({
      error: { data: { zodError: { fieldErrors: { frequency: expect.any(Array) as unknown } } } },
    });
    const tooFar = await query(
      server.app,
      'recurring.upcoming',
      { from: '2026-01-01', to: '2027-06-01' },
      { token: owner.token },
    );
    expect(tooFar.statusCode).toBe(400);

    const anonymous = await query(server.app, 'recurring.list');
    expect(anonymous.statusCode).toBe(401);
    expect(errorCodeOf(anonymous)).toBe('UNAUTHORIZED');

    for (const [path, input] of [
      ['recurring.skip', { id: rule.id, on: utcDay(5) }],
      ['recurring.update', { id: rule.id, paused: true }],
      ['recurring.delete', { id: rule.id }],
      [
        'recurring.create',
        { accountId: owner.accountId, amount: -1, frequency: 'daily', startsOn: utcDay(1) },
      ],
    ] as const) {
      const response = await mutate(server.app, path, input, { token: other.token });
      expect(response.statusCode, path).toBe(404);
    }
    expect(await other.query<RecurringRule[]>('recurring.list')).toEqual([]);
    expect(await owner.query<RecurringRule[]>('recurring.list')).toMatchObject([
      { id: rule.id, paused: false, version: rule.version },
    ]);
  });
});
