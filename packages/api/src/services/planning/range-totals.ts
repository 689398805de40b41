import { sql, type RawBuilder } from 'kysely';
import { addDays, addPeriods, periodStart } from './periods.ts';

/**
 * A date range read as whole months from the monthly totals plus the days at either edge from
 * the daily totals: a five-year range costs ~60 month rows instead of ~1 800 day rows.
 */
export interface MonthSplit {
  /** Whole months are those starting in [firstWholeMonth, afterWholeMonths). */
  firstWholeMonth: string;
  afterWholeMonths: string;
}

/** The split of the inclusive range [from, to]. */
export function splitByMonths(from: string, to: string): MonthSplit {
  const firstWholeMonth =
    periodStart('monthly', from) === from
      ? from
      : addPeriods('monthly', periodStart('monthly', from), 1);
  return { firstWholeMonth, afterWholeMonths: periodStart('monthly', addDays(to, 1)) };
}

/**
 * What a budget's category spent (money out minus refunds, in the budget's currency) on days
 * in [from, before), as a scalar subquery correlated with the `budgets` row: whole months from
 * the monthly totals, and the days before the first and from the end of the last from the daily
 * totals, each edge one short index range.
 */
export function budgetSpentBetween(from: RawBuilder<string>, before: RawBuilder<string>) {
  const firstWholeMonth = sql<string>`(date_trunc('month', (${from} - 1)::timestamp) + interval '1 month')::date`;
  const afterWholeMonths = sql<string>`date_trunc('month', ${before}::timestamp)::date`;
  const dailyBetween = (start: RawBuilder<string>, end: RawBuilder<string>) => sql<number>`
    coalesce((
      select sum(-(d.inflow + d.outflow)) from ledger_daily_totals d
      where d.owner_id = budgets.owner_id and d.currency = budgets.currency
        and d.category_key = budgets.category_id
        and d.occurred_on >= ${start} and d.occurred_on < ${end}
    ), 0)`;
  return sql<number>`(
    coalesce((
      select sum(-(m.inflow + m.outflow)) from ledger_monthly_totals m
      where m.owner_id = budgets.owner_id and m.currency = budgets.currency
        and m.category_key = budgets.category_id
        and m.month_start >= ${firstWholeMonth} and m.month_start < ${afterWholeMonths}
    ), 0)
    + ${dailyBetween(from, sql`least(${firstWholeMonth}, ${before})`)}
    + ${dailyBetween(sql`greatest(${afterWholeMonths}, ${firstWholeMonth})`, before)}
  )::bigint`;
}
