/** Calendar days as whole numbers (days since 1970-01-01), so date arithmetic is integer arithmetic. */
export type Day = number;

const DAY_MS = 86_400_000;

export function dayOf(year: number, month: number, date: number): Day {
  return Date.UTC(year, month - 1, date) / DAY_MS;
}

/** Today in the local time zone: the day an operator calls today. */
export function today(now = new Date()): Day {
  return dayOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function isoDate(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(day * DAY_MS).getUTCDay();
}

export function parts(day: Day): { year: number; month: number; date: number } {
  const value = new Date(day * DAY_MS);
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, date: value.getUTCDate() };
}

export function lastDateOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day after the same date `months` months earlier (clamped to the month's end). */
export function monthsBefore(day: Day, months: number): Day {
  const { year, month, date } = parts(day);
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dayOf(y, m, Math.min(date, lastDateOfMonth(y, m))) + 1;
}
