import type { RecurringRule } from './types.ts';

type Frequency = RecurringRule['frequency'];

export const frequencyLabels: Record<Frequency, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  yearly: 'Yearly',
};

const units: Record<Frequency, readonly [one: string, many: string]> = {
  daily: ['day', 'days'],
  weekly: ['week', 'weeks'],
  monthly: ['month', 'months'],
  yearly: ['year', 'years'],
};

/** "Every month", "Every 2 weeks". */
export function describeSchedule(frequency: Frequency, interval: number): string {
  const [one, many] = units[frequency];
  return interval === 1 ? `Every ${one}` : `Every ${interval} ${many}`;
}
