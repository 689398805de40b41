import { sql } from 'kysely';
import { PrecompiledQueries, type BudgetPeriod, type BudgetRow, type Trx } from '@budget/db';
import type { Actor } from '../../actor.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import type {
  Budget,
  BudgetProgress,
  CreateBudgetInput,
  UpdateBudgetInput,
} from '../../schemas/budgets.ts';
import { MAX_DATE } from '../../schemas/common.ts';
import { assertUnderCap } from '../system/per-user-caps.ts';
import { addDays, periodEnd, periodsBetween, periodStart } from './periods.ts';
import { budgetSpentBetween } from './range-totals.ts';
import { todayIn } from './user-today.ts';

export const budgetColumns = [
  'budgets.id',
  'budgets.categoryId',
  'budgets.amount',
  'budgets.currency',
  'budgets.period',
  'budgets.startsOn',
  'budgets.endsOn',
  'budgets.rollover',
  'budgets.alertThreshold',
] as const;

export type BudgetRecord = Pick<
  BudgetRow,
  | 'id'
  | 'categoryId'
  | 'amount'
  | 'currency'
  | 'period'
  | 'startsOn'
  | 'endsOn'
  | 'rollover'
  | 'alertThreshold'
>;

export function toBudget(row: BudgetRecord): Budget {
  return row;
}

/**
 * One active budget per category and period: none of the category's other budgets of that period
 * may overlap [startsOn, endsOn]. The category row is locked so concurrent writes queue.
 */
async function assertNoOverlap(
  trx: Trx,
  ownerId: string,
  budget: {
    id?: string;
    categoryId: string;
    period: BudgetPeriod;
    startsOn: string;
    endsOn: string | null;
  },
): Promise<void> {
  const category = await trx
    .selectFrom('categories')
    .select('kind')
    .where('ownerId', '=', ownerId)
    .where('id', '=', budget.categoryId)
    .forUpdate()
    .executeTakeFirst();
  if (category === undefined) throw notFound('Category');
  if (category.kind !== 'expense') throw badRequest('Budgets are for expense categories only');

  let overlapping = trx
    .selectFrom('budgets')
    .select('id')
    .where('ownerId', '=', ownerId)
    .where('categoryId', '=', budget.categoryId)
    .where('period', '=', budget.period)
    .where((eb) => eb.or([eb('endsOn', 'is', null), eb('endsOn', '>=', budget.startsOn)]));
  if (budget.endsOn !== null) overlapping = overlapping.where('startsOn', '<=', budget.endsOn);
  if (budget.id !== undefined) overlapping = overlapping.where('id', '!=', budget.id);
  if ((await overlapping.executeTakeFirst()) !== undefined) {
    throw conflict(`This category already has an active ${budget.period} budget for those dates`);
  }
}

/** A rollover budget's total (amount × periods) stays within half the exact-integer range. */
const MAX_ROLLOVER_TOTAL = 4_503_599_627_370_495n;

/**
 * With rollover, `budgeted` can reach amount × every period up to the last day any date may
 * name; that total, plus or minus what the ledger can hold, must stay an exact integer.
 */
function assertRolloverFits(budget: {
  amount: number;
  period: BudgetPeriod;
  startsOn: string;
  endsOn: string | null;
  rollover: boolean;
}): void {
  if (!budget.rollover) return;
  const lastStart = periodStart(budget.period, budget.endsOn ?? MAX_DATE);
  const periods = periodsBetween(budget.period, budget.startsOn, lastStart) + 1;
  if (BigInt(budget.amount) * BigInt(periods) > MAX_ROLLOVER_TOTAL) {
    throw badRequest(
      `amount × ${periods} ${budget.period} periods with rollover is too large to count exactly; ` +
        'use a smaller amount, a later startsOn, an endsOn or no rollover',
    );
  }
}

export async function list(actor: Actor): Promise<Budget[]> {
  const rows = await actor.db
    .selectFrom('budgets')
    .select(budgetColumns)
    .where('budgets.ownerId', '=', actor.user.id)
    .orderBy('budgets.startsOn')
    .orderBy('budgets.id')
    .execute();
  return rows.map(toBudget);
}

/** Periods are calendar-aligned: startsOn and endsOn widen to whole periods. */
export async function create(actor: Actor, input: CreateBudgetInput): Promise<Budget> {
  const ownerId = actor.user.id;
  const startsOn = periodStart(input.period, input.startsOn ?? todayIn(actor.user.timeZone));
  const endsOn = input.endsOn == null ? null : periodEnd(input.period, input.endsOn);
  if (endsOn !== null && endsOn < startsOn) throw badRequest('endsOn must not be before startsOn');
  assertRolloverFits({ ...input, startsOn, endsOn });
  return actor.db.transaction().execute(async (trx) => {
    await assertUnderCap(trx, ownerId, 'budgets');
    await assertNoOverlap(trx, ownerId, { ...input, startsOn, endsOn });
    const row = await trx
      .insertInto('budgets')
      .values({
        ownerId,
        categoryId: input.categoryId,
        amount: input.amount,
        currency: input.currency ?? actor.user.currency,
        period: input.period,
        startsOn,
        endsOn,
        rollover: input.rollover,
        alertThreshold: input.alertThreshold,
      })
      .returning(budgetColumns)
      .executeTakeFirstOrThrow();
    return toBudget(row);
  });
}

export async function update(actor: Actor, input: UpdateBudgetInput): Promise<Budget> {
  const ownerId = actor.user.id;
  return actor.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('budgets')
      .select(budgetColumns)
      .where('budgets.ownerId', '=', ownerId)
      .where('budgets.id', '=', input.id)
      .forUpdate()
      .executeTakeFirst();
    if (current === undefined) throw notFound('Budget');
    let endsOn = current.endsOn;
    if (input.endsOn !== undefined) {
      endsOn = input.endsOn === null ? null : periodEnd(current.period, input.endsOn);
      if (endsOn !== null && endsOn < current.startsOn) {
        throw badRequest('endsOn must not be before startsOn');
      }
      await assertNoOverlap(trx, ownerId, { ...current, endsOn });
    }
    assertRolloverFits({
      ...current,
      endsOn,
      amount: input.amount ?? current.amount,
      rollover: input.rollover ?? current.rollover,
    });
    const row = await trx
      .updateTable('budgets')
      .set({
        endsOn,
        ...(input.amount === undefined ? {} : { amount: input.amount }),
        ...(input.rollover === undefined ? {} : { rollover: input.rollover }),
        ...(input.alertThreshold === undefined ? {} : { alertThreshold: input.alertThreshold }),
        updatedAt: sql`now()`,
      })
      .where('ownerId', '=', ownerId)
      .where('id', '=', input.id)
      .returning(budgetColumns)
      .executeTakeFirstOrThrow();
    return toBudget(row);
  });
}

export async function remove(actor: Actor, { id }: { id: string }): Promise<{ ok: true }> {
  const result = await actor.db
    .deleteFrom('budgets')
    .where('ownerId', '=', actor.user.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Budget');
  return { ok: true };
}

/** The owner, the day, and each period's bounds around it (`start_monthly`, `afterEnd_weekly` …). */
type ProgressValues = { ownerId: string; on: string } & Record<
  `${'start' | 'afterEnd'}_${BudgetPeriod}`,
  string
>;

type ProgressRow = BudgetRecord & { spent: number; spentBefore: number };

const progressQueries = new PrecompiledQueries<ProgressValues, ProgressRow>();

/**
 * Every budget active on `on`, for the period containing it, in one query over the ledger totals.
 * With rollover, each earlier period's remainder (positive or negative) carries into the next,
 * which sums to: amount × periods so far − everything spent before this period.
 */
export async function progress(
  actor: Actor,
  input: { on?: string | undefined },
): Promise<BudgetProgress[]> {
  const on = input.on ?? todayIn(actor.user.timeZone);
  const bounds = (period: BudgetPeriod) =>
    [periodStart(period, on), periodEnd(period, on)] as const;
  const values: ProgressValues = {
    ownerId: actor.user.id,
    on,
    start_weekly: periodStart('weekly', on),
    start_monthly: periodStart('monthly', on),
    start_yearly: periodStart('yearly', on),
    afterEnd_weekly: addDays(periodEnd('weekly', on), 1),
    afterEnd_monthly: addDays(periodEnd('monthly', on), 1),
    afterEnd_yearly: addDays(periodEnd('yearly', on), 1),
  };
  const rows = await progressQueries.execute(actor.db, '', values, (slots) => {
    const pick = (bound: 'start' | 'afterEnd') =>
      sql<string>`(case budgets.period when 'weekly' then ${slots[`${bound}_weekly`]}::date when 'monthly' then ${slots[`${bound}_monthly`]}::date else ${slots[`${bound}_yearly`]}::date end)`;
    const start = pick('start');
    return actor.db
      .selectFrom('budgets')
      .select([
        ...budgetColumns,
        budgetSpentBetween(start, pick('afterEnd')).as('spent'),
        sql<number>`(case when budgets.rollover then ${budgetSpentBetween(sql`budgets.starts_on`, start)} else 0 end)`.as(
          'spentBefore',
        ),
      ])
      .where('budgets.ownerId', '=', slots.ownerId)
      .where('budgets.startsOn', '<=', slots.on)
      .where((eb) =>
        eb.or([eb('budgets.endsOn', 'is', null), eb('budgets.endsOn', '>=', slots.on)]),
      )
      .orderBy('budgets.startsOn')
      .orderBy('budgets.id');
  });

  return rows.map((row) => {
    const budget = toBudget(row);
    const [periodStartOn, periodEndOn] = bounds(budget.period);
    const earlierPeriods = periodsBetween(budget.period, budget.startsOn, periodStartOn);
    // Exact arithmetic: the stored bounds keep every result, not every product, within 2^53.
    const amount = BigInt(budget.amount);
    const spent = BigInt(row.spent);
    const budgeted = budget.rollover
      ? amount * BigInt(earlierPeriods + 1) - BigInt(row.spentBefore)
      : amount;
    const threshold = BigInt(budget.alertThreshold);
    const warned = budgeted > 0n && spent * 100n >= threshold * budgeted;
    const status = spent > budgeted ? 'over' : warned ? 'warning' : 'ok';
    return {
      budget,
      periodStart: periodStartOn,
      periodEnd: periodEndOn,
      budgeted: Number(budgeted),
      spent: row.spent,
      remaining: Number(budgeted - spent),
      percentUsed: budgeted > 0n ? percentOf(spent, budgeted) : null,
      status,
    };
  });
}

/** part ÷ whole (> 0) in percent to two decimals, rounded as Math.round rounds. */
function percentOf(part: bigint, whole: bigint): number {
  const numerator = 2n * part * 10_000n + whole;
  const denominator = 2n * whole;
  const truncated = numerator / denominator;
  const hundredths = numerator < 0n && numerator % denominator !== 0n ? truncated - 1n : truncated;
  // `+ 0` turns the -0 of a tiny refund into 0.
  return Number(hundredths) / 100 + 0;
}
