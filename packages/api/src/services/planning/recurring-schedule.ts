import type { RecurringFrequency } from '@budget/db';

/** What decides when a rule falls: its frequency, interval, first day and optional last day. */
export interface Schedule {
  frequency: RecurringFrequency;
  interval: number;
  startsOn: string;
  endsOn: string | null;
}

const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parse(day: string): { year: number; month: number; day: number } {
  return {
    year: Number(day.slice(0, 4)),
    month: Number(day.slice(5, 7)) - 1,
    day: Number(day.slice(8, 10)),
  };
}

function epochDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/**
 * The rule's `index`-th occurrence (0 is startsOn), counted from the start so a month-end day
 * comes back after a shorter month: Jan 31 → Feb 28/29 → Mar 31; a yearly Feb 29 falls on Feb 28
 * in common years.
 */
export function occurrenceAt(schedule: Schedule, index: number): string {
  const start = parse(schedule.startsOn);
  const step = index * schedule.interval;
  switch (schedule.frequency) {
    case 'daily':
    case 'weekly': {
      const days = schedule.frequency === 'daily' ? step : step * 7;
      return new Date((epochDay(schedule.startsOn) + days) * DAY_MS).toISOString().slice(0, 10);
    }
    case 'monthly': {
      const months = start.month + step;
      const year = start.year + Math.floor(months / 12);
      const month = months % 12;
      return format(year, month, Math.min(start.day, daysInMonth(year, month)));
    }
    case 'yearly': {
      const year = start.year + step;
      return format(year, start.month, Math.min(start.day, daysInMonth(year, start.month)));
    }
  }
}

/** An index whose occurrence is on or before `day` (or 0), close to the last such one. */
function indexNear(schedule: Schedule, day: string): number {
  const start = parse(schedule.startsOn);
  const target = parse(day);
  let periods: number;
  switch (schedule.frequency) {
    case 'daily':
      periods = epochDay(day) - epochDay(schedule.startsOn);
      break;
    case 'weekly':
      periods = (epochDay(day) - epochDay(schedule.startsOn)) / 7;
      break;
    case 'monthly':
      periods = (target.year - start.year) * 12 + target.month - start.month;
      break;
    case 'yearly':
      periods = target.year - start.year;
      break;
  }
  return Math.max(0, Math.floor(periods / schedule.interval) - 1);
}

/** The rule's occurrences from `from` to `to` (inclusive, and within its start and end), in order. */
export function* occurrencesBetween(
  schedule: Schedule,
  from: string,
  to: string,
): Generator<string> {
  const last = schedule.endsOn !== null && schedule.endsOn < to ? schedule.endsOn : to;
  for (let index = indexNear(schedule, from); ; index += 1) {
    const on = occurrenceAt(schedule, index);
    if (on > last || on > '2999-12-31') return;
    if (on >= from) yield on;
  }
}

/** The first occurrence on or after `day`, or null when the rule ends before it. */
export function firstOccurrenceFrom(schedule: Schedule, day: string): string | null {
  for (const on of occurrencesBetween(schedule, day, '2999-12-31')) return on;
  return null;
}

/** Whether `day` is one of the rule's occurrences. */
export function isOccurrence(schedule: Schedule, day: string): boolean {
  return firstOccurrenceFrom(schedule, day) === day;
}
