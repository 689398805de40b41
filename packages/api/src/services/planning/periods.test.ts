import { describe, expect, it } from 'vitest';
import { addPeriods, isoWeekLabel, periodEnd, periodStart, periodsBetween } from './periods.ts';

describe('calendar periods', () => {
  it.each([
    ['2026-11-28', '2026-11-23', '2026-11-29'], // a Saturday
    ['2026-11-23', '2026-11-23', '2026-11-29'], // a Monday
    ['2026-11-29', '2026-11-23', '2026-11-29'], // a Sunday
    ['2021-01-01', '2020-12-28', '2021-01-03'], // ISO week 53 of 2020 crosses the year end
    ['2024-02-29', '2024-02-26', '2024-03-03'], // leap day
  ])('the ISO week of %s runs %s to %s', (day, start, end) => {
    expect(periodStart('weekly', day)).toBe(start);
    expect(periodEnd('weekly', day)).toBe(end);
  });

  it.each([
    ['2024-02-10', '2024-02-01', '2024-02-29'],
    ['2023-02-28', '2023-02-01', '2023-02-28'],
    ['2026-12-31', '2026-12-01', '2026-12-31'],
    ['2026-01-31', '2026-01-01', '2026-01-31'],
  ])('the month of %s runs %s to %s', (day, start, end) => {
    expect(periodStart('monthly', day)).toBe(start);
    expect(periodEnd('monthly', day)).toBe(end);
  });

  it('a year runs from 1 January to 31 December', () => {
    expect(periodStart('yearly', '2024-07-04')).toBe('2024-01-01');
    expect(periodEnd('yearly', '2024-07-04')).toBe('2024-12-31');
  });

  it('adds periods without drifting across month ends', () => {
    expect(addPeriods('monthly', '2024-01-01', 1)).toBe('2024-02-01');
    expect(addPeriods('monthly', '2024-11-01', 3)).toBe('2025-02-01');
    expect(addPeriods('weekly', '2020-12-28', 1)).toBe('2021-01-04');
    expect(addPeriods('yearly', '2024-01-01', -1)).toBe('2023-01-01');
  });

  it('counts whole periods between two starts', () => {
    expect(periodsBetween('monthly', '2025-11-01', '2026-02-01')).toBe(3);
    expect(periodsBetween('weekly', '2020-12-21', '2021-01-04')).toBe(2);
    expect(periodsBetween('yearly', '2020-01-01', '2026-01-01')).toBe(6);
    expect(periodsBetween('monthly', '2026-02-01', '2026-02-01')).toBe(0);
  });

  it.each([
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2026-11-28', '2026-W48'],
    ['2019-12-30', '2020-W01'],
    ['2015-12-31', '2015-W53'],
  ])('labels %s as ISO week %s', (day, label) => {
    expect(isoWeekLabel(day)).toBe(label);
  });
});
