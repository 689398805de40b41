/**
 * `pnpm bench:reports`: budgets.progress, reports.summary and reports.trend against a heavy
 * ledger (one user with 1 000 000 rows over five years, fifty with 10 000 each), through the real
 * procedure path. Creates its own database and drops it at the end, also on failure.
 */
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from '@budget/db';
import type { ApiDeps } from '../src/deps.ts';
import { today } from '../src/services/planning/periods.ts';
import { createTestDeps } from '../src/testing/index.ts';
import { createBenchDatabase, type BenchDatabase } from './bench-database.ts';
import { currentMonth, yearsEndingToday, type DayRange } from './calendar.ts';
import { withLedgerKeysDeferred } from './bulk-load.ts';
import { adminDatabaseUrl, keepDatabase } from './config.ts';
import { formatTable, measure, passes, type Measurement } from './measure.ts';
import { analyze, rebuildTotals, seedLedger, settleBalances } from './seed-ledger.ts';
import { seedUser, signIn, type SeededUser, type UserPlan } from './seed-users.ts';

const HEAVY_USER: UserPlan = { label: 'heavy', transactions: 1_000_000, foreignAccount: true };
const LIGHT_USERS = 50;
const LIGHT_TRANSACTIONS = 10_000;
const RUNS = { warmups: 5, runs: 50 };

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`  ${label}: ${seconds(started)}`);
  return result;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function userPlans(): UserPlan[] {
  const light = Array.from({ length: LIGHT_USERS }, (_, index) => ({
    label: `light-${index + 1}`,
    transactions: LIGHT_TRANSACTIONS,
    foreignAccount: index % 5 === 0,
  }));
  return [HEAVY_USER, ...light];
}

async function seed(deps: ApiDeps, range: DayRange): Promise<SeededUser[]> {
  const { db } = deps;
  const plans = userPlans();
  const started = performance.now();
  log(`Seeding ${plans.length} users, ${range.first} .. ${range.last}`);
  const users = await timed('users, accounts, budgets (API)', async () => {
    const seeded: SeededUser[] = [];
    for (const plan of plans) seeded.push(await seedUser(deps, plan, range.first));
    return seeded;
  });
  await timed('transactions (SQL, keys and indexes built afterwards)', () =>
    withLedgerKeysDeferred(db, async () => {
      for (const [index, user] of users.entries()) {
        await seedLedger(db, user, range, (index + 1) / 1000);
      }
    }),
  );
  await timed('account balances', () => settleBalances(db));
  await timed('analyze', () => analyze(db));
  await timed('daily totals (rebuildLedgerTotals per user)', () => rebuildTotals(db, users));
  await timed('analyze', () => analyze(db));
  log(`Seeded ${await countRows(db)} in ${seconds(started)}`);
  return users;
}

async function countRows(db: Db): Promise<string> {
  const { rows } = await sql<{ transactions: number; totals: number }>`
    select (select count(*) from transactions)::int as transactions,
           (select count(*) from ledger_daily_totals)::int as totals`.execute(db);
  const counts = rows[0];
  return `${counts?.transactions ?? 0} transactions, ${counts?.totals ?? 0} daily totals`;
}

/** The calls under test, for the heavy user, signed in like any client. */
async function operationsFor(deps: ApiDeps, user: SeededUser, range: DayRange) {
  const caller = await signIn(deps, user.email);
  const month = currentMonth();
  const lastYear = yearsEndingToday(1);
  return {
    progress: () => caller.budgets.progress({ on: today() }),
    summary: () => caller.reports.summary(month),
    summaryAllTime: () => caller.reports.summary({ from: range.first, to: range.last }),
    monthlyTrend: () =>
      caller.reports.trend({ from: range.first, to: range.last, granularity: 'month' }),
    weeklyTrend: () =>
      caller.reports.trend({ from: lastYear.first, to: lastYear.last, granularity: 'week' }),
  };
}

type Operations = Awaited<ReturnType<typeof operationsFor>>;

/** Fails loudly if the calls return too little to be a fair measurement. */
async function checkAnswers(db: Db, user: SeededUser, operations: Operations): Promise<void> {
  const progress = await operations.progress();
  if (progress.length !== user.budgets) {
    throw new Error(`Expected ${user.budgets} budgets in progress, got ${progress.length}`);
  }
  const trend = await operations.monthlyTrend();
  if (trend.length !== 2 || trend.some((currency) => currency.points.length < 60)) {
    throw new Error('Expected two currencies with 60+ monthly points in the 5-year trend');
  }
  const allTime = await operations.summaryAllTime();
  const counted = allTime
    .flatMap((currency) => currency.byCategory)
    .reduce((sum, line) => sum + line.count, 0);
  const { rows } = await sql<{ entries: number }>`
    select count(*)::int as entries from transactions
    where owner_id = ${user.id} and transfer_id is null`.execute(db);
  if (counted !== rows[0]?.entries) {
    throw new Error(`Summary counts ${counted} entries, the ledger holds ${rows[0]?.entries}`);
  }
  log(`Checked: ${progress.length} budgets, ${counted} non-transfer entries in the summary`);
}

async function measureAll(operations: Operations): Promise<Measurement[]> {
  log(`Measuring ${RUNS.runs} calls each after ${RUNS.warmups} warm-ups (${machineLoad()})`);
  return [
    await measure('budgets.progress (month progress)', 20, operations.progress, RUNS),
    await measure('reports.summary (month summary)', 20, operations.summary, RUNS),
    await measure('reports.trend month x 5 years', 50, operations.monthlyTrend, RUNS),
    await measure('reports.trend week x 1 year', null, operations.weeklyTrend, RUNS),
  ];
}

/** Latencies mean little on a busy machine; say how busy it was. */
function machineLoad(): string {
  const [oneMinute = 0] = loadavg();
  return `load average ${oneMinute.toFixed(1)} on ${availableParallelism()} cores`;
}

/** Ctrl-C drops the database at once; under tsx it arrives twice (directly and relayed). */
function dropOnInterrupt(bench: BenchDatabase) {
  let interrupted = false;
  const handler = () => {
    if (!interrupted) log('Interrupted: dropping the benchmark database');
    interrupted = true;
    void bench.abort();
  };
  process.on('SIGINT', handler);
  return {
    happened: () => interrupted,
    dispose: () => process.off('SIGINT', handler),
  };
}

async function main(): Promise<number> {
  const bench = await createBenchDatabase(adminDatabaseUrl);
  const interrupt = dropOnInterrupt(bench);
  try {
    log(`Database ${bench.name}`);
    const deps = createTestDeps(bench.db);
    const range = yearsEndingToday(5);
    const [heavy] = await seed(deps, range);
    if (heavy === undefined) throw new Error('No heavy user was seeded');
    const operations = await operationsFor(deps, heavy, range);
    await checkAnswers(bench.db, heavy, operations);
    const measurements = await measureAll(operations);
    log(`\n${formatTable(measurements)}\n\n(${machineLoad()} after measuring)`);
    return measurements.every(passes) ? 0 : 1;
  } finally {
    interrupt.dispose();
    if (keepDatabase && !interrupt.happened()) {
      await bench.db.destroy();
      log(`Kept ${bench.name} (--keep): drop it with  dropdb ${bench.name}`);
    } else {
      await bench.drop();
      log(`Dropped ${bench.name}`);
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
