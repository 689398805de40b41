import { sql } from 'kysely';
import type { Trx } from '@budget/db';
import type { Actor } from '../../actor.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import {
  MAX_UPCOMING_DAYS,
  type CreateRecurringInput,
  type RecurringRule,
  type SkipRecurringInput,
  type UpcomingOccurrence,
  type UpcomingRecurringInput,
  type UpdateRecurringInput,
} from '../../schemas/recurring.ts';
import { assertOwnCategories, lockAccounts, openAccount } from '../ledger/ownership.ts';
import { assertUnderCap } from '../system/per-user-caps.ts';
import { addDays } from './periods.ts';
import { makeDueOccurrences, nextUnskipped, skippedDates } from './recurring-occurrences.ts';
import {
  recurringRuleColumns,
  toRecurringRule,
  type RecurringRuleRecord,
} from './recurring-rows.ts';
import { isOccurrence, occurrencesBetween } from './recurring-schedule.ts';
import { todayIn } from './user-today.ts';

export async function list(actor: Actor): Promise<RecurringRule[]> {
  const rows = await actor.db
    .selectFrom('recurringRules')
    .select(recurringRuleColumns)
    .where('ownerId', '=', actor.user.id)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map(toRecurringRule);
}

/** The occurrences the caller skipped, by rule and day (what recurring.skip recorded). */
export async function listSkips(actor: Actor): Promise<{ ruleId: string; on: string }[]> {
  const rows = await actor.db
    .selectFrom('recurringSkips')
    .select(['ruleId', 'skippedOn'])
    .where('ownerId', '=', actor.user.id)
    .orderBy('ruleId')
    .orderBy('skippedOn')
    .execute();
  return rows.map((row) => ({ ruleId: row.ruleId, on: row.skippedOn }));
}

async function findRule(actor: Actor, id: string): Promise<RecurringRule> {
  const row = await actor.db
    .selectFrom('recurringRules')
    .select(recurringRuleColumns)
    .where('ownerId', '=', actor.user.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw notFound('Recurring rule');
  return toRecurringRule(row);
}

/**
 * Creates a rule; occurrences already due (a start in the past) are written at once, so the
 * rule comes back caught up.
 */
export async function create(actor: Actor, input: CreateRecurringInput): Promise<RecurringRule> {
  const ownerId = actor.user.id;
  const id = await actor.db.transaction().execute(async (trx) => {
    await assertUnderCap(trx, ownerId, 'recurringRules');
    const accounts = await lockAccounts(
      trx,
      ownerId,
      [input.accountId, input.toAccountId].filter((id) => id !== undefined),
    );
    const account = openAccount(accounts, input.accountId);
    if (input.toAccountId !== undefined) {
      const to = openAccount(accounts, input.toAccountId);
      if (to.currency !== account.currency) {
        throw badRequest('Both accounts of a transfer must have the same currency');
      }
    }
    await assertOwnCategories(trx, ownerId, [input.categoryId]);
    const row = await trx
      .insertInto('recurringRules')
      .values({
        ownerId,
        accountId: account.id,
        toAccountId: input.toAccountId ?? null,
        currency: account.currency,
        categoryId: input.categoryId ?? null,
        amount: input.amount,
        payee: input.payee ?? null,
        note: input.note ?? null,
        frequency: input.frequency,
        interval: input.interval,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        nextOn: input.startsOn,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  await makeDueOccurrences(actor.db, ownerId, id, todayIn(actor.user.timeZone));
  return findRule(actor, id);
}

/** The caller's rule, locked until commit. */
async function lockRule(trx: Trx, ownerId: string, id: string): Promise<RecurringRuleRecord> {
  const rule = await trx
    .selectFrom('recurringRules')
    .select(recurringRuleColumns)
    .where('ownerId', '=', ownerId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (rule === undefined) throw notFound('Recurring rule');
  return rule;
}

export async function update(actor: Actor, input: UpdateRecurringInput): Promise<RecurringRule> {
  const ownerId = actor.user.id;
  await actor.db.transaction().execute(async (trx) => {
    const current = await lockRule(trx, ownerId, input.id);
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw conflict(
        `The rule changed since version ${input.expectedVersion}; it is now version ${current.version}`,
      );
    }
    const isTransfer = current.toAccountId !== null;
    if (isTransfer && input.categoryId != null) throw badRequest('Transfers have no category');
    if (isTransfer && input.amount !== undefined && input.amount < 0) {
      throw badRequest('A transfer rule moves a positive amount');
    }
    await assertOwnCategories(trx, ownerId, [input.categoryId]);
    const endsOn = input.endsOn === undefined ? current.endsOn : input.endsOn;
    if (endsOn !== null && endsOn < current.startsOn) {
      throw badRequest('endsOn must not be before startsOn');
    }
    const schedule = { ...current, endsOn, interval: input.interval ?? current.interval };
    const from = current.nextOn ?? addDays(current.endsOn ?? current.startsOn, 1);
    const nextOn = nextUnskipped(
      schedule,
      from,
      await skippedDates(trx, ownerId, current.id, from),
    );
    await trx
      .updateTable('recurringRules')
      .set({
        endsOn,
        nextOn,
        interval: schedule.interval,
        ...(input.amount === undefined ? {} : { amount: input.amount }),
        ...(input.categoryId === undefined ? {} : { categoryId: input.categoryId }),
        ...(input.payee === undefined ? {} : { payee: input.payee }),
        ...(input.note === undefined ? {} : { note: input.note }),
        ...(input.paused === undefined ? {} : { paused: input.paused }),
        version: sql`version + 1`,
        updatedAt: sql`now()`,
      })
      .where('ownerId', '=', ownerId)
      .where('id', '=', current.id)
      .execute();
  });
  await makeDueOccurrences(actor.db, ownerId, input.id, todayIn(actor.user.timeZone));
  return findRule(actor, input.id);
}

/** Deletes a rule; the transactions it already made stay. */
export async function remove(actor: Actor, { id }: { id: string }): Promise<{ ok: true }> {
  const result = await actor.db
    .deleteFrom('recurringRules')
    .where('ownerId', '=', actor.user.id)
    .where('id', '=', id)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Recurring rule');
  return { ok: true };
}

/** Marks one future occurrence as not to be made. */
export async function skip(actor: Actor, input: SkipRecurringInput): Promise<RecurringRule> {
  const ownerId = actor.user.id;
  await actor.db.transaction().execute(async (trx) => {
    const rule = await lockRule(trx, ownerId, input.id);
    if (!isOccurrence(rule, input.on)) {
      throw badRequest(`The rule has no occurrence on ${input.on}`);
    }
    if (rule.nextOn === null || input.on < rule.nextOn) {
      throw badRequest(`The occurrence on ${input.on} was already made`);
    }
    await trx
      .insertInto('recurringSkips')
      .values({ ownerId, ruleId: rule.id, skippedOn: input.on })
      .onConflict((conflictClause) => conflictClause.doNothing())
      .execute();
    const skipped = await skippedDates(trx, ownerId, rule.id, rule.nextOn);
    await trx
      .updateTable('recurringRules')
      .set({
        nextOn: nextUnskipped(rule, rule.nextOn, skipped),
        version: sql`version + 1`,
        updatedAt: sql`now()`,
      })
      .where('ownerId', '=', ownerId)
      .where('id', '=', rule.id)
      .execute();
  });
  return findRule(actor, input.id);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** The occurrences due in [from, to] that are not made yet: a forecast, nothing is written. */
export async function upcoming(
  actor: Actor,
  input: UpcomingRecurringInput,
): Promise<UpcomingOccurrence[]> {
  const from = input.from ?? todayIn(actor.user.timeZone);
  const to = input.to ?? addDays(from, 29);
  if (to < from) throw badRequest('to must not be before from');
  if (daysBetween(from, to) + 1 > MAX_UPCOMING_DAYS) {
    throw badRequest(`upcoming covers at most ${MAX_UPCOMING_DAYS} days; ask for a shorter range`);
  }
  const rules = await actor.db
    .selectFrom('recurringRules')
    .select(recurringRuleColumns)
    .where('ownerId', '=', actor.user.id)
    .where('paused', '=', false)
    .where('nextOn', 'is not', null)
    .where('nextOn', '<=', to)
    .execute();
  const skips = await actor.db
    .selectFrom('recurringSkips')
    .select(['ruleId', 'skippedOn'])
    .where('ownerId', '=', actor.user.id)
    .where('skippedOn', '>=', from)
    .where('skippedOn', '<=', to)
    .execute();
  const skipped = new Set(skips.map((row) => `${row.ruleId}|${row.skippedOn}`));
  const forecast = rules.flatMap((rule) => occurrencesOf(rule, from, to, skipped));
  return forecast.sort((a, b) =>
    a.on === b.on ? (a.ruleId < b.ruleId ? -1 : 1) : a.on < b.on ? -1 : 1,
  );
}

function occurrencesOf(
  rule: RecurringRuleRecord,
  from: string,
  to: string,
  skipped: ReadonlySet<string>,
): UpcomingOccurrence[] {
  const start = rule.nextOn !== null && rule.nextOn > from ? rule.nextOn : from;
  return [...occurrencesBetween(rule, start, to)]
    .filter((on) => !skipped.has(`${rule.id}|${on}`))
    .map((on) => ({
      ruleId: rule.id,
      on,
      amount: rule.amount,
      currency: rule.currency,
      accountId: rule.accountId,
      toAccountId: rule.toAccountId,
      categoryId: rule.categoryId,
      payee: rule.payee,
    }));
}
