import { describe, expect, it } from 'vitest';
import { occurrencesBetween, type Schedule } from './recurring-schedule.ts';

const rule = (
  schedule: Partial<Schedule> & Pick<Schedule, 'frequency' | 'startsOn'>,
): Schedule => ({
  interval: 1,
  endsOn: null,
  ...schedule,
});

const between = (schedule: Schedule, from: string, to: string) => [
  ...occurrencesBetween(schedule, from, to),
];

describe('recurring schedule: when a rule falls', () => {
  it('a monthly rule on the 31st falls on the last day of shorter months and returns to the 31st', () => {
    const monthly = rule({ frequency: 'monthly', startsOn: '2024-01-31' });
    expect(between(monthly, '2024-01-01', '2024-05-31')).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
    expect(between(monthly, '2025-01-01', '2025-03-31')).toEqual([
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
    ]);
  });

  it('a monthly rule on the 29th or 30th keeps its day after February', () => {
    expect(
      between(rule({ frequency: 'monthly', startsOn: '2023-01-30' }), '2023-02-01', '2023-03-31'),
    ).toEqual(['2023-02-28', '2023-03-30']);
    expect(
      between(rule({ frequency: 'monthly', startsOn: '2023-12-29' }), '2024-01-01', '2024-03-31'),
    ).toEqual(['2024-01-29', '2024-02-29', '2024-03-29']);
  });

  it('a yearly Feb 29 falls on Feb 28 in common years and on Feb 29 in leap years', () => {
    const yearly = rule({ frequency: 'yearly', startsOn: '2024-02-29' });
    expect(between(yearly, '2024-01-01', '2028-12-31')).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
  });

  it('intervals step by that many days, weeks, months or years', () => {
    expect(
      between(
        rule({ frequency: 'daily', interval: 3, startsOn: '2024-12-30' }),
        '2024-12-30',
        '2025-01-06',
      ),
    ).toEqual(['2024-12-30', '2025-01-02', '2025-01-05']);
    expect(
      between(
        rule({ frequency: 'weekly', interval: 2, startsOn: '2025-01-01' }),
        '2025-01-02',
        '2025-02-01',
      ),
    ).toEqual(['2025-01-15', '2025-01-29']);
    expect(
      between(
        rule({ frequency: 'monthly', interval: 12, startsOn: '2020-03-15' }),
        '2021-01-01',
        '2023-12-31',
      ),
    ).toEqual(['2021-03-15', '2022-03-15', '2023-03-15']);
    expect(
      between(
        rule({ frequency: 'yearly', interval: 4, startsOn: '2000-06-01' }),
        '2001-01-01',
        '2012-12-31',
      ),
    ).toEqual(['2004-06-01', '2008-06-01', '2012-06-01']);
  });

  it('nothing falls before the start or after the end', () => {
    const bounded = rule({ frequency: 'monthly', startsOn: '2025-03-10', endsOn: '2025-05-10' });
    expect(between(bounded, '2025-01-01', '2025-12-31')).toEqual([
      '2025-03-10',
      '2025-04-10',
      '2025-05-10',
    ]);
  });
});
