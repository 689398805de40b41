import { randomUUID } from 'node:crypto';
import type { ImportedTransaction } from '@budget/api/admin';
import type { CategoryKind } from '@budget/db';
import {
  dayOf,
  isoDate,
  lastDateOfMonth,
  monthsBefore,
  parts,
  weekday,
  type Day,
} from './calendar.ts';
import {
  BASE_SALARY,
  BASE_SAVINGS_TRANSFER,
  CARD_PAYMENT_DATE,
  CASH_FLOAT,
  demoAccounts,
  ELECTRICITY_DATE,
  everyday,
  monthlyBills,
  PAYDAY_DATE,
  SAVINGS_DATE,
  subscriptions,
  type AccountKey,
  type EverydayKind,
} from './demo-catalog.ts';
import { Random } from './random.ts';

/** Entries on fixed days: bills, pay, transfers. Transfers write two rows. */
type Recurring =
  | keyof typeof monthlyBills
  | keyof typeof subscriptions
  | 'electricity'
  | 'cardPayment'
  | 'salary'
  | 'savings'
  | 'interest'
  | 'groceries'
  | 'cashWithdrawal';

const TRANSFERS: ReadonlySet<Recurring> = new Set(['cardPayment', 'savings', 'cashWithdrawal']);

export interface DemoOptions {
  transactions: number;
  months: number;
  seed: number;
  /** The last day of the history. */
  until: Day;
}

export interface DemoPlan extends DemoOptions {
  from: Day;
  /** Rows the fixed-day entries take; the rest are everyday entries. */
  recurring: number;
  /** Income grows with the volume asked for, so balances stay believable at any size. */
  scale: number;
}

/** Where the generated rows go: the demo user's account and category ids. */
export interface DemoRefs {
  accounts: Record<AccountKey, string>;
  category(kind: CategoryKind, name: string): string;
}

/** Works out the history's shape. `recurring` > `transactions` means too few rows were asked for. */
export function planDemoLedger(options: DemoOptions): DemoPlan {
  const from = monthsBefore(options.until, options.months);
  let recurring = 0;
  for (let day = from; day <= options.until; day++) {
    for (const entry of recurringOn(day)) recurring += TRANSFERS.has(entry) ? 2 : 1;
  }
  const everydayPerDay = Math.max(0, options.transactions - recurring) / (options.until - from + 1);
  return { ...options, from, recurring, scale: Math.max(1, everydayPerDay / 3) };
}

/** The fixed-day entries due on `day`, in the order they are written. */
function recurringOn(day: Day): Recurring[] {
  const { year, month, date } = parts(day);
  const due: Recurring[] = [];
  for (const [name, bill] of Object.entries(monthlyBills)) {
    if (bill.date === date) due.push(name as keyof typeof monthlyBills);
  }
  for (const [name, subscription] of Object.entries(subscriptions)) {
    if (subscription.date === date) due.push(name as keyof typeof subscriptions);
  }
  if (date === ELECTRICITY_DATE) due.push('electricity');
  if (date === CARD_PAYMENT_DATE) due.push('cardPayment');
  if (date === payday(year, month)) due.push('salary');
  if (date === SAVINGS_DATE) due.push('savings');
  if (date === lastDateOfMonth(year, month)) due.push('interest');
  if (weekday(day) === 6) due.push('groceries');
  if (weekday(day) === 5 && Math.floor(day / 7) % 2 === 0) due.push('cashWithdrawal');
  return due;
}

/** The 25th, or the Friday before it when it falls on a weekend. */
function payday(year: number, month: number): number {
  const day = weekday(dayOf(year, month, PAYDAY_DATE));
  if (day === 6) return PAYDAY_DATE - 1;
  if (day === 0) return PAYDAY_DATE - 2;
  return PAYDAY_DATE;
}

/**
 * Generates exactly `plan.transactions` rows, day by day, in batches of `batchSize`. The same
 * plan (seed, size, months, last day) gives the same rows every time, transfer ids aside.
 */
export function* generateDemoLedger(
  plan: DemoPlan,
  refs: DemoRefs,
  batchSize: number,
): Generator<ImportedTransaction[], void, undefined> {
  const random = new Random(plan.seed);
  const perDay = spreadEveryday(plan, random);
  const state = new LedgerState(plan, refs, random);
  let batch: ImportedTransaction[] = [];
  for (let day = plan.from; day <= plan.until; day++) {
    state.startDay(day);
    for (const entry of recurringOn(day)) batch.push(...state.recurring(entry));
    for (let n = perDay[day - plan.from] ?? 0; n > 0; n--) batch.push(state.everyday());
    batch.push(...state.deferred());
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
  if (state.written !== plan.transactions) {
    throw new Error(`generated ${state.written} rows instead of ${plan.transactions}`);
  }
}

/**
 * How many everyday entries each day gets: more on Fridays and weekends, with some days busier
 * than others. Largest remainders make the counts add up exactly.
 */
function spreadEveryday(plan: DemoPlan, random: Random): Uint32Array {
  const days = plan.until - plan.from + 1;
  const total = plan.transactions - plan.recurring;
  const busyness = [1.1, 1, 1, 1, 1.05, 1.25, 1.4];
  const weights = Array.from(
    { length: days },
    (_, index) => (busyness[weekday(plan.from + index)] ?? 1) * (0.6 + 0.8 * random.next()),
  );
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = new Uint32Array(days);
  const remainders: [number, number][] = [];
  let given = 0;
  weights.forEach((weight, index) => {
    const exact = (total * weight) / sum;
    counts[index] = Math.floor(exact);
    given += Math.floor(exact);
    remainders.push([exact - Math.floor(exact), index]);
  });
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < total - given; k++) {
    const index = remainders[k % days]?.[1] ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

/** The running balances the story depends on: card statements, cash on hand, savings. */
class LedgerState {
  written = 0;
  #date = '';
  #day: Day = 0;
  #cardBalance: number = demoAccounts.creditCard.openingBalance;
  #cardStatement = 0;
  #cash: number = demoAccounts.cash.openingBalance;
  #savings: number = demoAccounts.savings.openingBalance;
  #groceriesTomorrow = false;
  #pendingGroceries: ImportedTransaction | null = null;
  readonly #plan: DemoPlan;
  readonly #refs: DemoRefs;
  readonly #random: Random;
  readonly #weekdayKinds: readonly (readonly [EverydayKind, number])[];
  readonly #weekendKinds: readonly (readonly [EverydayKind, number])[];

  constructor(plan: DemoPlan, refs: DemoRefs, random: Random) {
    this.#plan = plan;
    this.#refs = refs;
    this.#random = random;
    this.#weekdayKinds = everyday.map((kind) => [kind, kind.weekday] as const);
    this.#weekendKinds = everyday.map((kind) => [kind, kind.weekend] as const);
  }

  startDay(day: Day): void {
    this.#day = day;
    this.#date = isoDate(day);
    // The card's statement closes with the month; it is paid in full on the 20th.
    if (day === this.#plan.from || parts(day).date === 1) this.#cardStatement = -this.#cardBalance;
  }

  recurring(entry: Recurring): ImportedTransaction[] {
    const random = this.#random;
    const scale = this.#plan.scale;
    switch (entry) {
      case 'rent':
      case 'gym':
      case 'internet':
      case 'phone': {
        const bill = monthlyBills[entry];
        return [this.#row('checking', 'expense', bill.category, -bill.amount, bill.payee)];
      }
      case 'streaming':
      case 'music': {
        const subscription = subscriptions[entry];
        return [
          this.#row(
            'creditCard',
            'expense',
            'Subscriptions',
            -subscription.amount,
            subscription.payee,
          ),
        ];
      }
      case 'electricity': {
        const winter = [12, 1, 2].includes(parts(this.#day).month);
        const amount = random.int(5_500, 9_000) + (winter ? random.int(2_000, 5_000) : 0);
        return [this.#row('checking', 'expense', 'Utilities', -amount, 'City Power & Light')];
      }
      case 'salary':
        return [
          this.#row('checking', 'income', 'Salary', Math.round(BASE_SALARY * scale), 'Acme Corp'),
        ];
      case 'interest': {
        const amount = Math.max(1, Math.floor((this.#savings * 2) / 1_000));
        return [this.#row('savings', 'income', 'Interest', amount, 'High-Yield Savings')];
      }
      case 'savings':
        return this.#transfer(
          'checking',
          'savings',
          Math.round(BASE_SAVINGS_TRANSFER * scale),
          'Monthly savings',
        );
      case 'cardPayment':
        return this.#transfer(
          'checking',
          'creditCard',
          Math.max(2_500, this.#cardStatement),
          'Credit card payment',
        );
      case 'cashWithdrawal': {
        const topUp = Math.ceil((CASH_FLOAT - this.#cash) / 2_000) * 2_000;
        return this.#transfer('checking', 'cash', Math.max(4_000, topUp), 'ATM withdrawal');
      }
      case 'groceries': {
        const shop = this.#row(
          random.chance(0.5) ? 'checking' : 'creditCard',
          'expense',
          'Groceries',
          -random.int(6_000, 18_000),
          random.chance(0.7) ? 'Whole Foods Market' : 'Costco',
          'Weekly shop',
        );
        // Some weeks the big shop happens on Sunday, unless Sunday is past the history's end.
        if (this.#day < this.#plan.until && random.chance(0.3)) {
          this.#groceriesTomorrow = true;
          this.#pendingGroceries = shop;
          return [];
        }
        return [shop];
      }
    }
  }

  /** An entry put off from yesterday (the Sunday shop), dated today. */
  deferred(): ImportedTransaction[] {
    const pending = this.#pendingGroceries;
    if (pending === null || this.#groceriesTomorrow) {
      this.#groceriesTomorrow = false;
      return [];
    }
    this.#pendingGroceries = null;
    return [{ ...pending, occurredOn: this.#date }];
  }

  everyday(): ImportedTransaction {
    const random = this.#random;
    const weekend = weekday(this.#day) % 6 === 0;
    const kind = random.weighted(weekend ? this.#weekendKinds : this.#weekdayKinds);
    const [payee, min, max] = random.pick(kind.payees);
    const amount = random.int(min, max);
    let account = random.weighted(kind.via);
    if (account === 'cash' && this.#cash < amount) account = 'creditCard';
    const note =
      kind.notes !== undefined && random.chance(kind.noteChance ?? 0)
        ? random.pick(kind.notes)
        : null;
    const categoryKind = kind.kind === 'income' ? 'income' : 'expense';
    const signed = kind.kind === 'expense' ? -amount : amount;
    return this.#row(account, categoryKind, kind.category, signed, payee, note);
  }

  #row(
    account: AccountKey,
    kind: CategoryKind,
    category: string,
    amount: number,
    payee: string,
    note: string | null = null,
  ): ImportedTransaction {
    this.#track(account, amount);
    return {
      accountId: this.#refs.accounts[account],
      categoryId: this.#refs.category(kind, category),
      amount,
      occurredOn: this.#date,
      payee,
      note,
      transferId: null,
    };
  }

  #transfer(from: AccountKey, to: AccountKey, amount: number, note: string): ImportedTransaction[] {
    this.#track(from, -amount);
    this.#track(to, amount);
    const transferId = randomUUID();
    const side = (account: AccountKey, signed: number): ImportedTransaction => ({
      accountId: this.#refs.accounts[account],
      categoryId: null,
      amount: signed,
      occurredOn: this.#date,
      payee: null,
      note,
      transferId,
    });
    return [side(from, -amount), side(to, amount)];
  }

  #track(account: AccountKey, amount: number): void {
    this.written++;
    if (account === 'creditCard') this.#cardBalance += amount;
    if (account === 'cash') this.#cash += amount;
    if (account === 'savings') this.#savings += amount;
  }
}
