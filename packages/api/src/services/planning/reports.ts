import { sql } from 'kysely';
import { UNCATEGORIZED_KEY } from '@budget/db';
import type { Actor } from '../../actor.ts';
import { badRequest } from '../../errors.ts';
import {
  MAX_TREND_POINTS,
  type CategoryTotal,
  type CurrencySummary,
  type CurrencyTrend,
  type TrendInput,
  type TrendPoint,
} from '../../schemas/reports.ts';
import { addPeriods, isoWeekLabel, periodsBetween, periodStart } from './periods.ts';
import { splitByMonths } from './range-totals.ts';

/**
 * Money counts toward its category's kind, so a refund into an expense category lowers expense.
 * Uncategorized money counts by direction: in is income, out is expense. Transfers never enter
 * the ledger totals these reports read.
 */
const incomeOf = sql<number>`sum(case when categories.kind = 'income' then t.inflow + t.outflow when categories.kind is null then t.inflow else 0 end)::bigint`;
const expenseOf = sql<number>`sum(case when categories.kind = 'expense' then -(t.inflow + t.outflow) when categories.kind is null then -t.outflow else 0 end)::bigint`;

const sums = ['inflow', 'outflow', 'inflowEntries', 'outflowEntries'] as const;

/**
 * The caller's totals on days in [from, to], one row per currency, category and bucket (the
 * month, or the ISO week, a day falls in). Month buckets read whole months from the monthly
 * totals and only the edge days from the daily ones.
 */
function bucketedTotals(actor: Actor, from: string, to: string, granularity: 'month' | 'week') {
  const { db } = actor;
  const days = db
    .selectFrom('ledgerDailyTotals')
    .where('ownerId', '=', actor.user.id)
    .where('occurredOn', '>=', from)
    .where('occurredOn', '<=', to);
  if (granularity === 'week') {
    const week = sql<string>`date_trunc('week', occurred_on::timestamp)::date`;
    return days.select(['currency', 'categoryKey', week.as('bucket'), ...sums]);
  }
  const { firstWholeMonth, afterWholeMonths } = splitByMonths(from, to);
  const month = sql<string>`date_trunc('month', occurred_on::timestamp)::date`;
  const months = db
    .selectFrom('ledgerMonthlyTotals')
    .select(['currency', 'categoryKey', 'monthStart as bucket', ...sums])
    .where('ownerId', '=', actor.user.id)
    .where('monthStart', '>=', firstWholeMonth)
    .where('monthStart', '<', afterWholeMonths);
  const edgeDays = days
    .where((eb) =>
      eb.or([eb('occurredOn', '<', firstWholeMonth), eb('occurredOn', '>=', afterWholeMonths)]),
    )
    .select(['currency', 'categoryKey', month.as('bucket'), ...sums]);
  return months.unionAll(edgeDays);
}

function totalsInRange(actor: Actor, from: string, to: string, granularity: 'month' | 'week') {
  return actor.db
    .selectFrom(bucketedTotals(actor, from, to, granularity).as('t'))
    .leftJoin('categories', (join) =>
      join
        .on('categories.ownerId', '=', actor.user.id)
        .onRef('categories.id', '=', 't.categoryKey'),
    );
}

/** Currencies with activity, and always the user's own, in alphabetical order. */
function currenciesOf(actor: Actor, seen: Iterable<string>): string[] {
  return [...new Set([actor.user.currency, ...seen])].sort();
}

export async function summary(
  actor: Actor,
  input: { from: string; to: string },
): Promise<CurrencySummary[]> {
  const rows = await totalsInRange(actor, input.from, input.to, 'month')
    .select([
      't.currency',
      't.categoryKey',
      'categories.name',
      'categories.kind',
      sql<number>`sum(t.inflow)::bigint`.as('inflow'),
      sql<number>`sum(t.outflow)::bigint`.as('outflow'),
      sql<number>`sum(t.inflow_entries)::bigint`.as('inflowEntries'),
      sql<number>`sum(t.outflow_entries)::bigint`.as('outflowEntries'),
    ])
    .groupBy(['t.currency', 't.categoryKey', 'categories.name', 'categories.kind'])
    .execute();

  const lines = new Map<string, CategoryTotal[]>();
  for (const row of rows) {
    const { currency } = row;
    const list = lines.get(currency) ?? [];
    lines.set(currency, list);
    if (row.kind === null || row.categoryKey === UNCATEGORIZED_KEY) {
      const base = { categoryId: null, name: 'Uncategorized' };
      if (row.inflowEntries > 0) {
        list.push({ ...base, kind: 'income', total: row.inflow, count: row.inflowEntries });
      }
      if (row.outflowEntries > 0) {
        list.push({ ...base, kind: 'expense', total: -row.outflow, count: row.outflowEntries });
      }
      continue;
    }
    const signed = row.inflow + row.outflow;
    list.push({
      categoryId: row.categoryKey,
      name: row.name ?? '',
      kind: row.kind,
      total: row.kind === 'income' ? signed : -signed,
      count: row.inflowEntries + row.outflowEntries,
    });
  }

  return currenciesOf(actor, lines.keys()).map((currency) => {
    const byCategory = (lines.get(currency) ?? []).sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        b.total - a.total ||
        a.name.localeCompare(b.name) ||
        String(a.categoryId).localeCompare(String(b.categoryId)),
    );
    const sumOf = (kind: 'income' | 'expense') =>
      byCategory.filter((line) => line.kind === kind).reduce((sum, line) => sum + line.total, 0);
    const income = sumOf('income');
    const expense = sumOf('expense');
    return { currency, income, expense, net: income - expense, byCategory };
  });
}

export async function trend(actor: Actor, input: TrendInput): Promise<CurrencyTrend[]> {
  const period = input.granularity === 'month' ? 'monthly' : 'weekly';
  const first = periodStart(period, input.from);
  const count = periodsBetween(period, first, periodStart(period, input.to)) + 1;
  const tooMany = (points: number) =>
    badRequest(
      `A trend has at most ${MAX_TREND_POINTS} points over all its currencies (this one would have ${points}); ask for a shorter range`,
    );
  if (count > MAX_TREND_POINTS) throw tooMany(count);
  const rows = await totalsInRange(actor, input.from, input.to, input.granularity)
    .select(['t.currency', 't.bucket', incomeOf.as('income'), expenseOf.as('expense')])
    .groupBy(['t.currency', 't.bucket'])
    .execute();

  const byCurrency = new Map<string, Map<string, { income: number; expense: number }>>();
  for (const row of rows) {
    const { currency } = row;
    const buckets =
      byCurrency.get(currency) ?? new Map<string, { income: number; expense: number }>();
    byCurrency.set(currency, buckets);
    buckets.set(row.bucket, { income: row.income, expense: row.expense });
  }
  const currencies = currenciesOf(actor, byCurrency.keys());
  if (count * currencies.length > MAX_TREND_POINTS) throw tooMany(count * currencies.length);
  const label = (start: string) =>
    input.granularity === 'month' ? start.slice(0, 7) : isoWeekLabel(start);

  return currencies.map((currency) => {
    const buckets = byCurrency.get(currency);
    const points: TrendPoint[] = Array.from({ length: count }, (_, index) => {
      const start = addPeriods(period, first, index);
      const { income, expense } = buckets?.get(start) ?? { income: 0, expense: 0 };
      return { period: label(start), income, expense, net: income - expense };
    });
    return { currency, points };
  });
}
