import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../deps.ts';
import type { Operator } from '../operator.ts';
import { MAX_RECURRING_RULES } from '../schemas/recurring.ts';
import { addDays } from '../services/planning/periods.ts';
import { runDueRecurring } from '../services/planning/recurring-runner.ts';
import { todayIn } from '../services/planning/user-today.ts';
import { type callerFor, invalidFields, useTestApi } from '../testing/index.ts';

const api = useTestApi();
let operator: Operator;
beforeAll(() => {
  operator = { db: api.db, log: silentLogger };
});

const today = () => todayIn('UTC');
/** This instant shifted by whole days: the runner's clock after a service was down a while. */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

type Caller = ReturnType<typeof callerFor>;

async function madeBy(caller: Caller, accountId: string, ruleId: string) {
  const { items } = await caller.transactions.list({ accountId, limit: 100, sort: 'date_asc' });
  return items.filter((item) => item.recurringId === ruleId);
}

describe('recurring.create: past occurrences are made at once', () => {
  it('a daily rule started 9 days ago writes 10 entries with recurringId, balance and totals in step', async () => {
    const { caller, checking, food } = await api.signUpWithLedger('rec-past');
    const startsOn = addDays(today(), -9);
    const rule = await caller.recurring.create({
      accountId: checking.id,
      categoryId: food.id,
      amount: -1_250,
      payee: 'Coffee',
      frequency: 'daily',
      startsOn,
    });
    expect(rule).toMatchObject({ currency: 'USD', interval: 1, paused: false });
    expect(rule.nextOn).toBe(addDays(today(), 1));
    const made = await madeBy(caller, checking.id, rule.id);
    expect(made.map((item) => item.occurredOn)).toEqual(
      Array.from({ length: 10 }, (_, day) => addDays(startsOn, day)),
    );
    expect(made.every((item) => item.payee === 'Coffee' && item.importId === null)).toBe(true);
    expect((await caller.accounts.byId({ id: checking.id })).balance).toBe(-12_500);
    const [usd] = await caller.reports.summary({ from: startsOn, to: today() });
    expect(usd?.expense).toBe(12_500);
    expect(usd?.byCategory.find((row) => row.categoryId === food.id)?.count).toBe(10);
  });

  it('a monthly rule from Jan 31 falls on Feb 29, Mar 31, Apr 30', async () => {
    const { caller, checking } = await api.signUpWithLedger('rec-month-end');
    const rule = await caller.recurring.create({
      accountId: checking.id,
      amount: -100,
      frequency: 'monthly',
      startsOn: '2024-01-31',
      endsOn: '2024-04-30',
    });
    expect(rule.nextOn).toBeNull();
    expect((await madeBy(caller, checking.id, rule.id)).map((item) => item.occurredOn)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
    ]);
  });

  it('a transfer rule moves money between the accounts each time, as a transfer', async () => {
    const { caller, checking, savings } = await api.signUpWithLedger('rec-transfer');
    const rule = await caller.recurring.create({
      accountId: checking.id,
      toAccountId: savings.id,
      amount: 5_000,
      frequency: 'weekly',
      interval: 2,
      startsOn: addDays(today(), -28),
    });
    const out = await madeBy(caller, checking.id, rule.id);
    const into = await madeBy(caller, savings.id, rule.id);
    expect(out).toHaveLength(3);
    expect(out.every((item) => item.kind === 'transfer' && item.amount === -5_000)).toBe(true);
    expect(into.map((item) => item.transferId)).toEqual(out.map((item) => item.transferId));
    expect((await caller.accounts.byId({ id: savings.id })).balance).toBe(15_000);
  });
});

describe('runDueRecurring: each occurrence exactly once', () => {
  it('after months down it catches up, and a second run writes nothing', async () => {
    const { caller, checking } = await api.signUpWithLedger('rec-catch-up');
    const rule = await caller.recurring.create({
      accountId: checking.id,
      amount: 700,
      frequency: 'monthly',
      startsOn: addDays(today(), 1),
    });
    expect(await madeBy(caller, checking.id, rule.id)).toHaveLength(0);
    const later = daysFromNow(200);
    await runDueRecurring(operator, { now: later, batchSize: 2 });
    const made = await madeBy(caller, checking.id, rule.id);
    expect(made.length).toBeGreaterThanOrEqual(6);
    await runDueRecurring(operator, { now: later });
    expect(await madeBy(caller, checking.id, rule.id)).toHaveLength(made.length);
    expect((await caller.accounts.byId({ id: checking.id })).balance).toBe(700 * made.length);
  });

  it("a rule is due on the user's today: in Kiritimati (UTC+14) it is made, at UTC−12 not yet", async () => {
    const ahead = await api.signUpWithLedger('rec-kiritimati');
    const behind = await api.signUpWithLedger('rec-gmt-12');
    await ahead.caller.auth.updateProfile({ timeZone: 'Pacific/Kiritimati' });
    await behind.caller.auth.updateProfile({ timeZone: 'Etc/GMT+12' });
    const startsOn = todayIn('Pacific/Kiritimati');
    for (const { caller, checking } of [ahead, behind]) {
      await caller.recurring.create({
        accountId: checking.id,
        amount: -1,
        frequency: 'daily',
        startsOn,
      });
    }
    expect((await ahead.caller.accounts.byId({ id: ahead.checking.id })).balance).toBe(-1);
    expect((await behind.caller.accounts.byId({ id: behind.checking.id })).balance).toBe(0);
  });

  it('skipped and paused occurrences are not made; unpausing catches up', async () => {
    const { caller, checking } = await api.signUpWithLedger('rec-skip');
    const startsOn = addDays(today(), 1);
    const rule = await caller.recurring.create({
      accountId: checking.id,
      amount: -10,
      frequency: 'daily',
      startsOn,
      endsOn: addDays(startsOn, 4),
    });
    const skipped = await caller.recurring.skip({ id: rule.id, on: startsOn });
    expect(skipped.nextOn).toBe(addDays(startsOn, 1));
    await caller.recurring.skip({ id: rule.id, on: addDays(startsOn, 2) });
    await runDueRecurring(operator, { now: daysFromNow(10) });
    expect((await madeBy(caller, checking.id, rule.id)).map((item) => item.occurredOn)).toEqual([
      addDays(startsOn, 1),
      addDays(startsOn, 3),
      addDays(startsOn, 4),
    ]);

    const paused = await caller.recurring.create({
      accountId: checking.id,
      amount: -10,
      frequency: 'daily',
      startsOn: addDays(today(), 1),
    });
    await caller.recurring.update({ id: paused.id, paused: true });
    await runDueRecurring(operator, { now: daysFromNow(3) });
    expect(await madeBy(caller, checking.id, paused.id)).toHaveLength(0);
    await caller.recurring.update({ id: paused.id, paused: false });
    await runDueRecurring(operator, { now: daysFromNow(3) });
    expect(await madeBy(caller, checking.id, paused.id)).toHaveLength(3);
  });
});

describe('recurring procedures', () => {
  it('list, update with expectedVersion, delete keeps the transactions it made', async () => {
    const { caller, checking, fun } = await api.signUpWithLedger('rec-crud');
    const rule = await caller.recurring.create({
      accountId: checking.id,
      amount: -300,
      frequency: 'weekly',
      startsOn: today(),
    });
    expect((await caller.recurring.list()).map((item) => item.id)).toEqual([rule.id]);
    const updated = await caller.recurring.update({
      id: rule.id,
      expectedVersion: rule.version,
      amount: -400,
      categoryId: fun.id,
      payee: 'Gym',
    });
    expect(updated).toMatchObject({ amount: -400, categoryId: fun.id, payee: 'Gym' });
    expect(updated.version).toBe(rule.version + 1);
    await expect(
      caller.recurring.update({ id: rule.id, expectedVersion: rule.version, amount: -1 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await caller.recurring.delete({ id: rule.id })).toEqual({ ok: true });
    expect(await caller.recurring.list()).toEqual([]);
    expect(await madeBy(caller, checking.id, rule.id)).toHaveLength(1);
    await expect(caller.recurring.delete({ id: rule.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('upcoming forecasts the next 30 days by default and writes nothing; at most 366 days', async () => {
    const { caller, checking } = await api.signUpWithLedger('rec-upcoming');
    const rule = await caller.recurring.create({
      accountId: checking.id,
      amount: -50,
      payee: 'Paper',
      frequency: 'weekly',
      startsOn: addDays(today(), 1),
    });
    const forecast = await caller.recurring.upcoming();
    expect(forecast.length).toBeGreaterThanOrEqual(4);
    expect(forecast[0]).toEqual({
      ruleId: rule.id,
      on: addDays(today(), 1),
      amount: -50,
      currency: 'USD',
      accountId: checking.id,
      toAccountId: null,
      categoryId: null,
      payee: 'Paper',
    });
    expect(forecast.every((item) => item.on <= addDays(today(), 29))).toBe(true);
    const year = await caller.recurring.upcoming({ from: today(), to: addDays(today(), 365) });
    expect(year).toHaveLength(53);
    await expect(
      caller.recurring.upcoming({ from: today(), to: addDays(today(), 366) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await caller.accounts.byId({ id: checking.id })).balance).toBe(0);
  });

  it('skip refuses a day that is not an occurrence, or one already made', async () => {
    const { caller, checking } = await api.signUpWithLedger('rec-skip-bad');
    const rule = await caller.recurring.create({
      accountId: checking.id,
      amount: -1,
      frequency: 'weekly',
      startsOn: addDays(today(), -7),
    });
    await expect(
      caller.recurring.skip({ id: rule.id, on: addDays(today(), 1) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.recurring.skip({ id: rule.id, on: today() })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it(`refuses a rule beyond ${MAX_RECURRING_RULES} per user with CONFLICT`, async () => {
    const { caller, checking } = await api.signUpWithLedger('rec-cap');
    const rule = {
      accountId: checking.id,
      amount: -1,
      frequency: 'yearly' as const,
      startsOn: '2999-01-01',
    };
    for (let made = 0; made < MAX_RECURRING_RULES; made += 1) await caller.recurring.create(rule);
    await expect(caller.recurring.create(rule)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await caller.recurring.list()).toHaveLength(MAX_RECURRING_RULES);
  });

  it('rejects bad input and writes nothing', async () => {
    const { caller, checking, savings } = await api.signUpWithLedger('rec-bad');
    const base = {
      accountId: checking.id,
      amount: -1,
      frequency: 'daily' as const,
      startsOn: today(),
    };
    expect(await invalidFields(caller.recurring.create({ ...base, interval: 13 }))).toEqual([
      'interval',
    ]);
    expect(await invalidFields(caller.recurring.create({ ...base, amount: 0 }))).toEqual([
      'amount',
    ]);
    expect(
      await invalidFields(caller.recurring.create({ ...base, toAccountId: savings.id })),
    ).toEqual(['amount']);
    expect(
      await invalidFields(caller.recurring.create({ ...base, endsOn: addDays(today(), -1) })),
    ).toEqual(['endsOn']);
    expect(
      await invalidFields(
        caller.recurring.create({ ...base, frequency: 'hourly' as unknown as 'daily' }),
      ),
    ).toEqual(['frequency']);
    expect(
      await invalidFields(
        caller.recurring.create({ ...base, ownerId: checking.id } as typeof base),
      ),
    ).toEqual(['ownerId']);
    expect(await caller.recurring.list()).toEqual([]);
  });

  it('needs a token', async () => {
    const anonymous = api.anonymous();
    const id = '00000000-0000-4000-8000-000000000000';
    for (const call of [
      () => anonymous.recurring.list(),
      () => anonymous.recurring.upcoming(),
      () => anonymous.recurring.delete({ id }),
      () => anonymous.recurring.skip({ id, on: today() }),
      () => anonymous.recurring.update({ id, paused: true }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it("treats another user's rules, accounts and categories as not found", async () => {
    const owner = await api.signUpWithLedger('rec-owner');
    const intruder = await api.signUpWithLedger('rec-intruder');
    const rule = await owner.caller.recurring.create({
      accountId: owner.checking.id,
      amount: -1,
      frequency: 'yearly',
      startsOn: '2999-01-01',
    });
    const base = { amount: -1, frequency: 'daily' as const, startsOn: today() };
    for (const call of [
      () => intruder.caller.recurring.update({ id: rule.id, paused: true }),
      () => intruder.caller.recurring.skip({ id: rule.id, on: '2999-01-01' }),
      () => intruder.caller.recurring.delete({ id: rule.id }),
      () => intruder.caller.recurring.create({ ...base, accountId: owner.checking.id }),
      () =>
        intruder.caller.recurring.create({
          ...base,
          accountId: intruder.checking.id,
          toAccountId: owner.savings.id,
          amount: 1,
        }),
      () =>
        intruder.caller.recurring.create({
          ...base,
          accountId: intruder.checking.id,
          categoryId: owner.food.id,
        }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await intruder.caller.recurring.list()).toEqual([]);
    expect(
      await intruder.caller.recurring.upcoming({ from: '2999-01-01', to: '2999-01-01' }),
    ).toEqual([]);
    expect(await owner.caller.recurring.list()).toEqual([rule]);
  });
});
