import type { Db, Trx } from '@budget/db';
import { writeEntries, writeTransfer, type NewEntry } from '../ledger/transactions.ts';
import { addDays } from './periods.ts';
import { recurringRuleColumns, type RecurringRuleRecord } from './recurring-rows.ts';
import { occurrencesBetween } from './recurring-schedule.ts';

/** Occurrences written per database transaction while a rule catches up. */
const OCCURRENCES_PER_TRANSACTION = 500;

/** The first occurrence on or after `from` that is not skipped, or null when the rule ends first. */
export function nextUnskipped(
  rule: Pick<RecurringRuleRecord, 'frequency' | 'interval' | 'startsOn' | 'endsOn'>,
  from: string,
  skipped: ReadonlySet<string>,
): string | null {
  for (const on of occurrencesBetween(rule, from, '2999-12-31')) {
    if (!skipped.has(on)) return on;
  }
  return null;
}

export async function skippedDates(trx: Trx | Db, ownerId: string, ruleId: string, from: string) {
  const rows = await trx
    .selectFrom('recurringSkips')
    .select('skippedOn')
    .where('ownerId', '=', ownerId)
    .where('ruleId', '=', ruleId)
    .where('skippedOn', '>=', from)
    .execute();
  return new Set(rows.map((row) => row.skippedOn));
}

/**
 * Writes the rule's occurrences dated on or before `today` that are not written yet, as ordinary
 * transactions, and moves its nextOn past them. Each occurrence is claimed by inserting its
 * (rule, date) key first, so two runners can never both write it; the rule row is locked with
 * SKIP LOCKED, so a runner that finds another at work on the rule moves on. Returns how many
 * occurrences it wrote.
 */
export async function makeDueOccurrences(
  db: Db,
  ownerId: string,
  ruleId: string,
  today: string,
): Promise<number> {
  let written = 0;
  for (;;) {
    const step = await db.transaction().execute((trx) => makeSome(trx, ownerId, ruleId, today));
    written += step.written;
    if (!step.more) return written;
  }
}

async function makeSome(
  trx: Trx,
  ownerId: string,
  ruleId: string,
  today: string,
): Promise<{ written: number; more: boolean }> {
  const rule = await trx
    .selectFrom('recurringRules')
    .select(recurringRuleColumns)
    .where('ownerId', '=', ownerId)
    .where('id', '=', ruleId)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (rule === undefined || rule.paused || rule.nextOn === null || rule.nextOn > today) {
    return { written: 0, more: false };
  }
  const due: string[] = [];
  for (const on of occurrencesBetween(rule, rule.nextOn, today)) {
    due.push(on);
    if (due.length === OCCURRENCES_PER_TRANSACTION) break;
  }
  const lastDue = due.at(-1) ?? rule.nextOn;
  const skipped = await skippedDates(trx, ownerId, rule.id, rule.nextOn);
  const wanted = due.filter((on) => !skipped.has(on));

  const claimed =
    wanted.length === 0
      ? []
      : await trx
          .insertInto('recurringOccurrences')
          .values(wanted.map((occursOn) => ({ ownerId, ruleId: rule.id, occursOn })))
          .onConflict((conflict) => conflict.columns(['ownerId', 'ruleId', 'occursOn']).doNothing())
          .returning('occursOn')
          .execute();
  const dates = claimed.map((row) => row.occursOn);

  if (rule.toAccountId === null) {
    const entries: NewEntry[] = dates.map((occurredOn) => ({
      accountId: rule.accountId,
      categoryId: rule.categoryId,
      amount: rule.amount,
      occurredOn,
      payee: rule.payee,
      note: rule.note,
      recurringId: rule.id,
    }));
    await writeEntries(trx, ownerId, entries);
  } else {
    for (const occurredOn of dates) {
      await writeTransfer(trx, ownerId, {
        fromAccountId: rule.accountId,
        toAccountId: rule.toAccountId,
        amount: rule.amount,
        occurredOn,
        note: rule.note,
        recurringId: rule.id,
      });
    }
  }

  const nextOn = nextUnskipped(rule, addDays(lastDue, 1), skipped);
  await trx
    .updateTable('recurringRules')
    .set({ nextOn })
    .where('ownerId', '=', ownerId)
    .where('id', '=', rule.id)
    .execute();
  return { written: dates.length, more: nextOn !== null && nextOn <= today };
}
