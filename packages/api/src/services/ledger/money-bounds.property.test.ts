import { sql } from 'kysely';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../../schemas/common.ts';
import { useTestApi } from '../../testing/index.ts';

const api = useTestApi();

const MAX_GROSS = 4_503_599_627_370_495;

/** Every number anywhere in `value` is an exact integer within ±(2^53 − 1), or a percent. */
function allNumbersSafe(value: unknown): boolean {
  if (typeof value === 'number')
    return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
  if (Array.isArray(value)) return value.every(allNumbersSafe);
  if (typeof value === 'object' && value !== null)
    return Object.values(value).every(allNumbersSafe);
  return true;
}

/**
 * A ledger that has already moved almost as much money as the bounds allow, as years of writes
 * of 1e12 would leave it (written directly: thousands of calls would only be slower).
 */
async function nearlyFullLedger(headroom: number) {
  const user = await api.signUpWithLedger();
  await user.caller.transactions.create({
    accountId: user.checking.id,
    categoryId: user.food.id,
    amount: -1,
    occurredOn: '2026-01-01',
  });
  await sql`update ledger_currency_totals set gross = ${MAX_GROSS - headroom}
    where owner_id = ${user.session.user.id} and currency = 'USD'`.execute(api.db);
  await sql`update accounts set balance = ${Number.MAX_SAFE_INTEGER - headroom}
    where owner_id = ${user.session.user.id} and id = ${user.savings.id}`.execute(api.db);
  return user;
}

describe('money stays within the exact-integer range', () => {
  it('refuses a write that would push the money moved in a currency past the bound', async () => {
    const { caller, checking } = await nearlyFullLedger(MAX_AMOUNT / 2);
    const write = caller.transactions.create({
      accountId: checking.id,
      amount: MAX_AMOUNT,
      occurredOn: '2026-01-02',
    });
    await expect(write).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('exactly') as unknown,
    });
    expect(
      allNumbersSafe(await caller.reports.summary({ from: '1900-01-01', to: '2999-12-31' })),
    ).toBe(true);
  });

  it('refuses a transfer that would push an account balance past 2^53 − 1', async () => {
    const { caller, checking, savings } = await nearlyFullLedger(10);
    const transfer = caller.transactions.transfer({
      fromAccountId: checking.id,
      toAccountId: savings.id,
      amount: 11,
      occurredOn: '2026-01-02',
    });
    await expect(transfer).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('balance') as unknown,
    });
    expect(allNumbersSafe(await caller.accounts.list({}))).toBe(true);
  });

  it('refuses a rollover budget whose periods up to 2999 would overflow, and answers progress for one that fits', async () => {
    const { caller, food, fun } = await api.signUpWithLedger();
    await expect(
      caller.budgets.create({
        categoryId: food.id,
        amount: MAX_AMOUNT,
        period: 'weekly',
        startsOn: '1900-01-01',
        rollover: true,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await caller.budgets.create({
      categoryId: fun.id,
      amount: 70_000_000_000,
      period: 'weekly',
      startsOn: '1900-01-01',
      rollover: true,
    });
    const [progress] = await caller.budgets.progress({ on: '2999-12-31' });
    expect(progress?.budgeted).toBe(70_000_000_000 * 57_396);
    expect(allNumbersSafe(progress)).toBe(true);
  });

  it('never lets a sequence of valid writes make a read fail (property)', async () => {
    const user = await nearlyFullLedger(3 * MAX_AMOUNT);
    const { caller, checking, savings, food } = user;
    await caller.budgets.create({
      categoryId: food.id,
      amount: 300_000_000_000,
      period: 'monthly',
      startsOn: '2026-01-01',
      rollover: true,
    });
    const amount = fc.oneof(
      fc.constantFrom(MAX_AMOUNT, -MAX_AMOUNT, 1, -1),
      fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }).filter((value) => value !== 0),
    );
    const write = fc.record({
      amount,
      transfer: fc.boolean(),
      day: fc.integer({ min: 1, max: 28 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 6 }), async (writes) => {
        for (const { amount: value, transfer, day } of writes) {
          const occurredOn = `2026-02-${String(day).padStart(2, '0')}`;
          const call = transfer
            ? caller.transactions.transfer({
                fromAccountId: checking.id,
                toAccountId: savings.id,
                amount: Math.abs(value),
                occurredOn,
              })
            : caller.transactions.create({
                accountId: checking.id,
                categoryId: food.id,
                amount: value,
                occurredOn,
              });
          await call.catch((error: unknown) => {
            expect(error).toMatchObject({ code: 'BAD_REQUEST' });
          });
        }
        expect(allNumbersSafe(await caller.accounts.list({}))).toBe(true);
        expect(
          allNumbersSafe(await caller.reports.summary({ from: '1900-01-01', to: '2999-12-31' })),
        ).toBe(true);
        expect(
          allNumbersSafe(
            await caller.reports.trend({
              from: '2026-01-01',
              to: '2026-12-31',
              granularity: 'week',
            }),
          ),
        ).toBe(true);
        expect(allNumbersSafe(await caller.budgets.progress({ on: '2999-12-31' }))).toBe(true);
      }),
      { numRuns: 15, seed: 20_261_205 },
    );
  });
});
