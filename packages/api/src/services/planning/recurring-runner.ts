import { sql } from 'kysely';
import type { Operator } from '../../operator.ts';
import { makeDueOccurrences } from './recurring-occurrences.ts';
import { todayIn } from './user-today.ts';

/** Any fixed number: the advisory lock that lets one scheduler at a time make occurrences. */
export const RECURRING_LOCK_ID = 7_263_115_204_872;

export interface RecurringRunOptions {
  /** Rules read per query. */
  batchSize?: number;
  now?: Date;
}

export interface RecurringRunResult {
  /** Rules that made at least one occurrence. */
  rules: number;
  occurrences: number;
  /** Rules that could not run (e.g. an archived account); they are retried next time. */
  failed: number;
}

/**
 * Writes every occurrence due by each owner's today, for all users, in batches of rules. Safe to
 * run from several processes at once: each occurrence is written exactly once.
 */
export async function runDueRecurring(
  operator: Operator,
  options: RecurringRunOptions = {},
): Promise<RecurringRunResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  // No zone is more than a day ahead of UTC: rules due later than this are due for nobody.
  const horizon = todayIn('Etc/GMT-14', now);
  const result: RecurringRunResult = { rules: 0, occurrences: 0, failed: 0 };
  let after: { ownerId: string; id: string } | null = null;
  for (;;) {
    let query = operator.db
      .selectFrom('recurringRules')
      .innerJoin('users', 'users.id', 'recurringRules.ownerId')
      .select([
        'recurringRules.ownerId',
        'recurringRules.id',
        'users.timeZone',
        'recurringRules.nextOn',
      ])
      .where('recurringRules.paused', '=', false)
      .where('recurringRules.nextOn', 'is not', null)
      .where('recurringRules.nextOn', '<=', horizon)
      .orderBy('recurringRules.ownerId')
      .orderBy('recurringRules.id')
      .limit(batchSize);
    if (after !== null) {
      const { ownerId, id } = after;
      query = query.where(
        sql<boolean>`(recurring_rules.owner_id, recurring_rules.id) > (${ownerId}, ${id})`,
      );
    }
    const batch = await query.execute();
    for (const rule of batch) {
      const today = todayIn(rule.timeZone, now);
      if (rule.nextOn === null || rule.nextOn > today) continue;
      try {
        const made = await makeDueOccurrences(operator.db, rule.ownerId, rule.id, today);
        if (made > 0) {
          result.rules += 1;
          result.occurrences += made;
        }
      } catch (error) {
        result.failed += 1;
        operator.log.warn({ err: error, ruleId: rule.id }, 'recurring rule could not run');
      }
    }
    const last = batch.at(-1);
    if (last === undefined || batch.length < batchSize) return result;
    after = { ownerId: last.ownerId, id: last.id };
  }
}
