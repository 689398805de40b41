/**
 * `pnpm bench:fairness`: one user hammers the heaviest procedures while another lists their
 * transactions. With the per-user rate limit (default 20/s, burst 40) the quiet user's p99 should
 * stay under 3× its value on an idle server. Runs on its own test database (PGlite, or
 * PostgreSQL when DATABASE_URL is set) and drops it at the end.
 */
import { performance } from 'node:perf_hooks';
import { createTestDatabase } from '@budget/db/testing';
import { defaultUserRateLimit } from '../src/deps.ts';
import { callerFor, createTestDeps, signUpWithLedger } from '../src/testing/index.ts';

const QUIET_CALLS = 150;
/** The quiet user keeps within its own rate limit: 15 calls a second. */
const QUIET_PACE_MS = 1000 / 15;
const HAMMERS = 8;

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
}

const database = await createTestDatabase();
try {
  // Set-up runs without the per-user limit; the measured calls go through it.
  const deps = createTestDeps(database.db);
  const limited = { ...deps, userRateLimit: defaultUserRateLimit };
  const noisyUser = await signUpWithLedger(deps, 'noisy');
  const quietUser = await signUpWithLedger(deps, 'quiet');
  for (const user of [noisyUser, quietUser]) {
    for (let day = 1; day <= 28; day += 1) {
      await user.caller.transactions.create({
        accountId: user.checking.id,
        categoryId: user.food.id,
        amount: -day * 100,
        occurredOn: `2026-02-${String(day).padStart(2, '0')}`,
        payee: `Shop ${day}`,
      });
    }
  }
  await noisyUser.caller.budgets.create({
    categoryId: noisyUser.food.id,
    amount: 50_000,
    period: 'weekly',
    startsOn: '1950-01-02',
    rollover: true,
  });

  const noisy = { caller: callerFor(limited, noisyUser.session.accessToken) };
  const quiet = { caller: callerFor(limited, quietUser.session.accessToken) };

  const listTimes = async () => {
    const times: number[] = [];
    for (let call = 0; call < QUIET_CALLS; call += 1) {
      const started = performance.now();
      await quiet.caller.transactions.list({ limit: 50 });
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, QUIET_PACE_MS));
    }
    return times;
  };

  const quietP99 = p99(await listTimes());

  let running = true;
  let refused = 0;
  let served = 0;
  const heavy = [
    () => noisy.caller.reports.trend({ from: '1950-01-01', to: '2040-12-31', granularity: 'week' }),
    () => noisy.caller.reports.summary({ from: '1900-01-01', to: '2999-12-31' }),
    () => noisy.caller.budgets.progress({ on: '2999-12-31' }),
    () => noisy.caller.transactions.page({ search: 'shop', pageSize: 100 }),
  ];
  const hammer = async (offset: number) => {
    for (let call = offset; running; call += 1) {
      await heavy[call % heavy.length]?.().then(
        () => (served += 1),
        () => (refused += 1),
      );
    }
  };
  const hammers = Array.from({ length: HAMMERS }, (_, index) => hammer(index));
  const loadedP99 = p99(await listTimes());
  running = false;
  await Promise.all(hammers);

  const ratio = loadedP99 / quietP99;
  process.stdout.write(
    [
      `transactions.list p99, idle server:       ${quietP99.toFixed(1)} ms`,
      `transactions.list p99, other user busy:   ${loadedP99.toFixed(1)} ms (${ratio.toFixed(2)}×)`,
      `busy user: ${served} heavy calls served, ${refused} refused with TOO_MANY_REQUESTS`,
      ratio < 3 ? 'PASS: under 3× the idle p99' : 'FAIL: 3× the idle p99 or more',
      '',
    ].join('\n'),
  );
  if (ratio >= 3) process.exitCode = 1;
} finally {
  await database.destroy();
}
