import { addDays, periodEnd, periodStart, today } from '../src/services/planning/periods.ts';

/** An inclusive run of days, as 'YYYY-MM-DD'. */
export interface DayRange {
  first: string;
  last: string;
  days: number;
}

/** The `years` years that end today (UTC, like the API's own `today()`). */
export function yearsEndingToday(years: number): DayRange {
  const last = today();
  const date = new Date(`${last}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  const first = addDays(date.toISOString().slice(0, 10), 1);
  const days = Math.round((Date.parse(last) - Date.parse(first)) / 86_400_000) + 1;
  return { first, last, days };
}

export function currentMonth(): { from: string; to: string } {
  const day = today();
  return { from: periodStart('monthly', day), to: periodEnd('monthly', day) };
}
