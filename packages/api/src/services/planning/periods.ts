import type { BudgetPeriod } from '@budget/db';

/** Calendar arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone can shift a day. */

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** 'YYYY-MM-DD' with a four-digit year (toISOString would write '+010000' or '-000001'). */
function toDay(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return toDay(date);
}

/** The first day of the period containing `day`: the ISO week's Monday, the month's or year's first. */
export function periodStart(period: BudgetPeriod, day: string): string {
  const date = toDate(day);
  switch (period) {
    case 'weekly':
      return addDays(day, -((date.getUTCDay() + 6) % 7));
    case 'monthly':
      return `${day.slice(0, 7)}-01`;
    case 'yearly':
      return `${day.slice(0, 4)}-01-01`;
  }
}

/** The first day of the period `count` periods after the one starting on `start`. */
export function addPeriods(period: BudgetPeriod, start: string, count: number): string {
  if (period === 'weekly') return addDays(start, 7 * count);
  const date = toDate(start);
  if (period === 'monthly') date.setUTCMonth(date.getUTCMonth() + count, 1);
  else date.setUTCFullYear(date.getUTCFullYear() + count, 0, 1);
  return toDay(date);
}

export function periodEnd(period: BudgetPeriod, day: string): string {
  return addDays(addPeriods(period, periodStart(period, day), 1), -1);
}

/** How many whole periods lie between two period starts (0 when they are the same period). */
export function periodsBetween(period: BudgetPeriod, fromStart: string, toStart: string): number {
  switch (period) {
    case 'weekly':
      return Math.round(
        (toDate(toStart).getTime() - toDate(fromStart).getTime()) / (7 * 86_400_000),
      );
    case 'monthly':
      return (
        (Number(toStart.slice(0, 4)) - Number(fromStart.slice(0, 4))) * 12 +
        Number(toStart.slice(5, 7)) -
        Number(fromStart.slice(5, 7))
      );
    case 'yearly':
      return Number(toStart.slice(0, 4)) - Number(fromStart.slice(0, 4));
  }
}

/** ISO 8601 week label of the week containing `day`, e.g. '2026-W48' (2020-12-31 is '2020-W53'). */
export function isoWeekLabel(day: string): string {
  const thursday = addDays(periodStart('weekly', day), 3);
  const year = Number(thursday.slice(0, 4));
  const firstMonday = periodStart('weekly', `${pad(year, 4)}-01-04`);
  const week = periodsBetween('weekly', firstMonday, periodStart('weekly', day)) + 1;
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

export function today(): string {
  return toDay(new Date());
}
