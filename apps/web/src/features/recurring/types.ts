import type { RouterOutputs } from '@budget/client';

export type RecurringRule = RouterOutputs['recurring']['list'][number];
export type UpcomingOccurrence = RouterOutputs['recurring']['upcoming'][number];
