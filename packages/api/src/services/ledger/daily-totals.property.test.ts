import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CategoryTotal, CurrencySummary, CurrencyTrend } from '../../schemas/reports.ts';
import type { Transaction } from '../../schemas/transactions.ts';
import { type signUp, useTestApi } from '../../testing/index.ts';
import { freshDailyTotals, monthlyFromDaily } from './ledger-changes.ts';
import { addDays, isoWeekLabel } from '../planning/periods.ts';

const api = useTestApi();

/** Every run's user (currency USD) gets two USD accounts and a EUR one. */
const accountPlans = [
  { name: 'Checking', type: 'checking', currency: 'USD' },
  { name: 'Savings', type: 'savings', currency: 'USD' },
  { name: 'Travel money', type: 'cash', currency: 'EUR' },
] as const;
type Slot = 0 | 1 | 2;

/** And three expense and two income categories of its own, some of which the run deletes. */
const categoryPlans = [
  { name: 'Prop food', kind: 'expense' },
  { name: 'Prop rent', kind: 'expense' },
  { name: 'Prop fun', kind: 'expense' },
  { name: 'Prop salary', kind: 'income' },
  { name: 'Prop gifts', kind: 'income' },
] as const;

/** Days are offsets from 2024-01-01, over two years: 59 is the leap day, 365/366 the year end. */
const FIRST_DAY = '2024-01-01';
const LAST_OFFSET = 730;
const dateOf = (offset: number): string => addDays(FIRST_DAY, offset);
/** A few hot days make same-day merges (and their edits) common. */
const dayArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: LAST_OFFSET }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 59, 60, 365, 366, 367, 730) },
);
const positiveArb = fc.integer({ min: 1, max: 1_000_000 });
const amountArb = fc.oneof(
  { weight: 3, arbitrary: positiveArb.map((amount) => -amount) },
  { weight: 2, arbitrary: positiveArb },
);
const slotArb = fc.constantFrom<Slot>(0, 1, 2);
/** An index into the live categories (taken modulo their count), or null for uncategorized. */
const categoryPickArb = fc.option(fc.nat({ max: 100 }), { freq: 4, nil: null });
const pickArb = fc.nat({ max: 1_000 });

type Op =
  | {
      type: 'create';
      slot: Slot;
      category: number | null;
      amount: number;
      day: number;
    }
  | { type: 'transfer'; forward: boolean; amount: number; day: number }
  | {
      type: 'update';
      pick: number;
      slot: Slot | undefined;
      category: number | null | undefined;
      /** A new size, keeping the sign (the edit that touches no day, category or direction) or not. */
      amount: { magnitude: number; flip: boolean } | undefined;
      day: number | undefined;
    }
  | { type: 'delete'; pick: number }
  | { type: 'deleteCategory'; pick: number; reassign: boolean };

const createArb = fc.record({
  type: fc.constant('create' as const),
  slot: slotArb,
  category: categoryPickArb,
  amount: amountArb,
  day: dayArb,
});

const editArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: createArb },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('transfer' as const),
      forward: fc.boolean(),
      amount: positiveArb,
      day: dayArb,
    }),
  },
  {
    weight: 5,
    // Each field is left out half of the time, so small edits (just the amount) are common.
    arbitrary: fc.record({
      type: fc.constant('update' as const),
      pick: pickArb,
      slot: fc.option(slotArb, { nil: undefined, freq: 2 }),
      category: fc.option(categoryPickArb, { nil: undefined, freq: 2 }),
      amount: fc.option(fc.record({ magnitude: positiveArb, flip: fc.boolean() }), {
        nil: undefined,
        freq: 2,
      }),
      day: fc.option(dayArb, { nil: undefined, freq: 2 }),
    }),
  },
  {
    // The smallest edit: a corrected amount, same day, category, account and direction.
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('update' as const),
      pick: pickArb,
      slot: fc.constant(undefined),
      category: fc.constant(undefined),
      amount: fc.record({ magnitude: positiveArb, flip: fc.constant(false) }),
      day: fc.constant(undefined),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('delete' as const), pick: pickArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('deleteCategory' as const),
      pick: pickArb,
      reassign: fc.boolean(),
    }),
  },
);

/** A random ledger first (creates and transfers), then random edits of it. */
const scenarioArb = fc.record({
  ledger: fc.array(
    fc.oneof(
      { weight: 4, arbitrary: createArb },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant('transfer' as const),
          forward: fc.boolean(),
          amount: positiveArb,
          day: dayArb,
        }),
      },
    ),
    { minLength: 1, maxLength: 25 },
  ),
  edits: fc.array(editArb, { minLength: 1, maxLength: 20 }),
  range: fc.tuple(dayArb, dayArb).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
});

type Caller = Awaited<ReturnType<typeof signUp>>['caller'];

interface LiveCategory {
  id: string;
  kind: 'income' | 'expense';
}

/** One user's ledger behind the API, and just enough of a model to keep every edit valid. */
class Run {
  /** Live transactions: their account, amount and, for a transfer side, its transferId. */
  readonly rows = new Map<string, { slot: Slot; amount: number; transferId: string | null }>();

  private constructor(
    readonly caller: Caller,
    readonly ownerId: string,
    readonly accountIds: readonly string[],
    readonly categories: LiveCategory[],
  ) {}

  static async start(): Promise<Run> {
    const { caller, session } = await api.signUp('rollups');
    const accountIds: string[] = [];
    for (const plan of accountPlans) accountIds.push((await caller.accounts.create(plan)).id);
    const categories: LiveCategory[] = [];
    for (const plan of categoryPlans) {
      const created = await caller.categories.create(plan);
      categories.push({ id: created.id, kind: plan.kind });
    }
    return new Run(caller, session.user.id, accountIds, categories);
  }

  accountId(slot: Slot): string {
    const id = this.accountIds[slot];
    if (id === undefined) throw new Error(`no account in slot ${slot}`);
    return id;
  }

  categoryId(pick: number | null): string | null {
    if (pick === null || this.categories.length === 0) return null;
    return this.categories[pick % this.categories.length]?.id ?? null;
  }

  remember(transaction: Transaction): void {
    const slot = this.accountIds.indexOf(transaction.accountId);
    if (slot !== 0 && slot !== 1 && slot !== 2) throw new Error('unknown account');
    this.rows.set(transaction.id, {
      slot,
      amount: transaction.amount,
      transferId: transaction.transferId,
    });
  }

  async apply(op: Op): Promise<void> {
    const { transactions } = this.caller;
    switch (op.type) {
      case 'create': {
        this.remember(
          await transactions.create({
            accountId: this.accountId(op.slot),
            categoryId: this.categoryId(op.category),
            amount: op.amount,
            occurredOn: dateOf(op.day),
          }),
        );
        return;
      }
      case 'transfer': {
        const { from, to } = await transactions.transfer({
          fromAccountId: this.accountId(op.forward ? 0 : 1),
          toAccountId: this.accountId(op.forward ? 1 : 0),
          amount: op.amount,
          occurredOn: dateOf(op.day),
        });
        this.remember(from);
        this.remember(to);
        return;
      }
      case 'update': {
        const entries = [...this.rows];
        const target = entries[op.pick % Math.max(entries.length, 1)];
        if (target === undefined) return;
        const [id, row] = target;
        const isTransfer = row.transferId !== null;
        // Only valid edits: a transfer side keeps its account and stays uncategorized, and a
        // transaction moves only to an account of its own currency.
        const slot =
          op.slot !== undefined &&
          !isTransfer &&
          accountPlans[op.slot].currency === accountPlans[row.slot].currency
            ? op.slot
            : undefined;
        const updated = await transactions.update({
          id,
          ...(slot === undefined ? {} : { accountId: this.accountId(slot) }),
          ...(op.category === undefined || isTransfer
            ? {}
            : { categoryId: this.categoryId(op.category) }),
          ...(op.amount === undefined
            ? {}
            : {
                amount: Math.sign(row.amount) * (op.amount.flip ? -1 : 1) * op.amount.magnitude,
              }),
          ...(op.day === undefined ? {} : { occurredOn: dateOf(op.day) }),
        });
        this.remember(updated);
        for (const [otherId, other] of entries) {
          if (isTransfer && otherId !== id && other.transferId === row.transferId) {
            this.rows.set(otherId, { ...other, amount: -updated.amount });
          }
        }
        return;
      }
      case 'delete': {
        const entries = [...this.rows];
        const target = entries[op.pick % Math.max(entries.length, 1)];
        if (target === undefined) return;
        const [id, row] = target;
        await transactions.delete({ id });
        for (const [otherId, other] of entries) {
          if (otherId === id || (row.transferId !== null && other.transferId === row.transferId)) {
            this.rows.delete(otherId);
          }
        }
        return;
      }
      case 'deleteCategory': {
        if (this.categories.length === 0) return;
        const index = op.pick % this.categories.length;
        const doomed = this.categories[index];
        if (doomed === undefined) return;
        const target = op.reassign
          ? this.categories.find((other) => other.id !== doomed.id && other.kind === doomed.kind)
          : undefined;
        await this.caller.categories.delete({
          id: doomed.id,
          ...(target === undefined ? {} : { reassignTo: target.id }),
        });
        this.categories.splice(index, 1);
        return;
      }
    }
  }

  /** (3) The stored daily totals equal a fresh aggregation of the ledger; monthly ones, of the daily. */
  async checkStoredTotals(): Promise<void> {
    const { db } = api;
    const keyOf = (row: { currency: string; categoryKey: string; occurredOn: string }) =>
      `${row.currency}|${row.categoryKey}|${row.occurredOn}`;
    const byKey = <T extends { currency: string; categoryKey: string; occurredOn: string }>(
      rows: T[],
    ) => rows.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    const stored = await db
      .selectFrom('ledgerDailyTotals')
      .selectAll()
      .where('ownerId', '=', this.ownerId)
      .execute();
    const fresh = await freshDailyTotals(db, this.ownerId).execute();
    expect(byKey(stored)).toEqual(byKey(fresh));

    // ledger_monthly_totals equals the daily totals summed per month.
    const monthKey = (row: { currency: string; categoryKey: string; monthStart: string }) =>
      `${row.currency}|${row.categoryKey}|${row.monthStart}`;
    const byMonth = <T extends { currency: string; categoryKey: string; monthStart: string }>(
      rows: T[],
    ) => rows.sort((a, b) => monthKey(a).localeCompare(monthKey(b)));
    const storedMonths = await db
      .selectFrom('ledgerMonthlyTotals')
      .selectAll()
      .where('ownerId', '=', this.ownerId)
      .execute();
    const freshMonths = await monthlyFromDaily(db, this.ownerId).execute();
    expect(byMonth(storedMonths)).toEqual(byMonth(freshMonths));
  }

  /** The ledger itself, every row, with its category's name and kind. */
  async ledger() {
    const { db } = api;
    const [rows, categories] = await Promise.all([
      db
        .selectFrom('transactions')
        .select(['categoryId', 'currency', 'amount', 'occurredOn', 'transferId'])
        .where('ownerId', '=', this.ownerId)
        .execute(),
      db
        .selectFrom('categories')
        .select(['id', 'name', 'kind'])
        .where('ownerId', '=', this.ownerId)
        .execute(),
    ]);
    const categoryById = new Map(categories.map((category) => [category.id, category]));
    return rows.map((row) => ({
      ...row,
      currency: row.currency,
      category: row.categoryId === null ? undefined : categoryById.get(row.categoryId),
    }));
  }

  /**
   * (4) The summary computed in plain JS from every ledger row: money counts toward its
   * category's kind, uncategorized money by direction, transfers not at all.
   */
  async expectedSummary(from: string, to: string): Promise<CurrencySummary[]> {
    const lines = new Map<string, Map<string, CategoryTotal>>();
    for (const row of await this.ledger()) {
      if (row.transferId !== null || row.occurredOn < from || row.occurredOn > to) continue;
      const byLine = lines.get(row.currency) ?? new Map<string, CategoryTotal>();
      lines.set(row.currency, byLine);
      let key: string;
      let line: CategoryTotal;
      if (row.category === undefined) {
        const kind = row.amount > 0 ? 'income' : 'expense';
        key = `uncategorized|${kind}`;
        line = byLine.get(key) ?? {
          categoryId: null,
          name: 'Uncategorized',
          kind,
          total: 0,
          count: 0,
        };
        line.total += Math.abs(row.amount);
      } else {
        const { id, name, kind } = row.category;
        key = id;
        line = byLine.get(key) ?? { categoryId: id, name, kind, total: 0, count: 0 };
        line.total += kind === 'income' ? row.amount : -row.amount;
      }
      line.count += 1;
      byLine.set(key, line);
    }
    const currencies = [...new Set(['USD', ...lines.keys()])].sort();
    return currencies.map((currency) => {
      const byCategory = sortLines([...(lines.get(currency)?.values() ?? [])]);
      const sumOf = (kind: 'income' | 'expense') =>
        byCategory.filter((line) => line.kind === kind).reduce((sum, line) => sum + line.total, 0);
      const income = sumOf('income');
      const expense = sumOf('expense');
      return { currency, income, expense, net: income - expense, byCategory };
    });
  }

  /** The trend computed in plain JS: one point per calendar period that meets [from, to]. */
  async expectedTrend(
    from: string,
    to: string,
    granularity: 'month' | 'week',
  ): Promise<CurrencyTrend[]> {
    const label = (day: string) => (granularity === 'month' ? day.slice(0, 7) : isoWeekLabel(day));
    const labels: string[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const current = label(day);
      if (labels.at(-1) !== current) labels.push(current);
    }
    const sums = new Map<string, Map<string, { income: number; expense: number }>>();
    for (const row of await this.ledger()) {
      if (row.transferId !== null || row.occurredOn < from || row.occurredOn > to) continue;
      const byLabel =
        sums.get(row.currency) ?? new Map<string, { income: number; expense: number }>();
      sums.set(row.currency, byLabel);
      const point = byLabel.get(label(row.occurredOn)) ?? { income: 0, expense: 0 };
      const kind = row.category?.kind ?? (row.amount > 0 ? 'income' : 'expense');
      if (row.category === undefined) {
        point[kind] += Math.abs(row.amount);
      } else if (kind === 'income') {
        point.income += row.amount;
      } else {
        point.expense -= row.amount;
      }
      byLabel.set(label(row.occurredOn), point);
    }
    return [...new Set(['USD', ...sums.keys()])].sort().map((currency) => ({
      currency,
      points: labels.map((period) => {
        const { income, expense } = sums.get(currency)?.get(period) ?? { income: 0, expense: 0 };
        return { period, income, expense, net: income - expense };
      }),
    }));
  }

  async checkReports(from: string, to: string): Promise<void> {
    const { reports } = this.caller;
    const summary = await reports.summary({ from, to });

    // (1) The lines add up to each currency's income and expense; net is their difference.
    for (const entry of summary) {
      const sumOf = (kind: 'income' | 'expense') =>
        entry.byCategory
          .filter((line) => line.kind === kind)
          .reduce((sum, line) => sum + line.total, 0);
      expect(entry.income, `${entry.currency} income`).toBe(sumOf('income'));
      expect(entry.expense, `${entry.currency} expense`).toBe(sumOf('expense'));
      expect(entry.net).toBe(entry.income - entry.expense);
    }

    // (4) The summary equals the ledger aggregated in JS (lines compared as a set).
    const expected = await this.expectedSummary(from, to);
    expect(
      summary.map((entry) => ({ ...entry, byCategory: sortLines([...entry.byCategory]) })),
    ).toEqual(expected);

    for (const granularity of ['month', 'week'] as const) {
      const trend = await reports.trend({ from, to, granularity });
      // (2) The points of the range add up to the summary of the same range.
      expect(trend.map((entry) => entry.currency)).toEqual(summary.map((entry) => entry.currency));
      for (const [index, entry] of trend.entries()) {
        const total = (field: 'income' | 'expense' | 'net') =>
          entry.points.reduce((sum, point) => sum + point[field], 0);
        expect(
          { currency: entry.currency, income: total('income'), expense: total('expense') },
          granularity,
        ).toEqual({
          currency: summary[index]?.currency,
          income: summary[index]?.income,
          expense: summary[index]?.expense,
        });
        expect(total('net')).toBe(summary[index]?.net);
      }
      // Every period present, zeros included, each point equal to the ledger aggregated in JS.
      expect(trend).toEqual(await this.expectedTrend(from, to, granularity));
    }
  }
}

function sortLines(lines: CategoryTotal[]): CategoryTotal[] {
  const keyOf = (line: CategoryTotal) => `${line.kind}|${line.categoryId ?? ''}`;
  return lines.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
}

describe('daily totals and the reports built on them', () => {
  it('stay equal to the ledger through random ledgers and edits: stored = fresh, summary = trend = JS aggregation', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ ledger, edits, range }) => {
        const run = await Run.start();
        for (const op of ledger) await run.apply(op);
        await run.checkStoredTotals();
        for (const op of edits) {
          await run.apply(op);
          await run.checkStoredTotals();
        }
        await run.checkReports(dateOf(0), dateOf(LAST_OFFSET));
        await run.checkReports(dateOf(range[0]), dateOf(range[1]));
      }),
      // Shrinking replays whole scenarios; the time limit keeps a red run bounded.
      { numRuns: 30, plugins: [fc.interruptAfterTimeLimit(25_000)] },
    );
  }, 90_000);
});
