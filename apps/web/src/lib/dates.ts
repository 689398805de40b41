const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

/** A calendar date as 'YYYY-MM-DD' in the browser's local time. */
export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function today(): string {
  return isoDate(new Date());
}

/** Today as 'YYYY-MM-DD' in an IANA time zone (the user's "today", as the API counts it). */
export function todayIn(timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

/** The calendar day `days` after 'YYYY-MM-DD' (negative: before). */
export function addDays(isoDay: string, days: number): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The first and last day of the month `date` falls in. */
export function monthRange(date = new Date()): { from: string; to: string } {
  const first = new Date(date.getFullYear(), date.getMonth(), 1);
  const last = new Date(date.getFullYear(), date.getMonth() + 1, 0);
  return { from: isoDate(first), to: isoDate(last) };
}

/** 'YYYY-MM-DD' in the user's locale ("Mar 5, 2026"); the date is a calendar day, not an instant. */
export function formatDate(isoDay: string): string {
  return dateFormat.format(new Date(`${isoDay}T00:00:00Z`));
}

export function formatMonth(isoDay: string): string {
  return monthFormat.format(new Date(`${isoDay}T00:00:00Z`));
}
