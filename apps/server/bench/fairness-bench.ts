// `pnpm bench:fairness`: one user cannot slow the others (SPEC §3). Our server runs as production
// runs it (the esbuild bundle, NODE_ENV=production, default limits) on a PostgreSQL bench database
// holding a noisy user (300 000 transactions over ten years, nine currencies, weekly budgets
// rolling over since 1990) and a quiet one (10 000 transactions). The quiet user lists their
// transactions at a polite pace, first on a quiet server, then while a separate process hammers
// the heaviest procedures with the noisy user's token on 16 connections (reports over the whole
// history, budgets.progress, 100-row pages, batches, a year's CSV export), ignoring Retry-After.
// Quiet and hammered windows alternate (the hammer is paused in between, and a quiet window starts
// once the server's database work for it has drained), so both phases share the background load of
// the machine. Prints the quiet user's p50/p99 in both phases, their ratios (target < 3×, for
// p50 too) and how much of the hammer was answered 429.
// Needs DATABASE_URL (a PostgreSQL admin URL); the bench database is created once and reused.
// USER_RATE_LIMIT and USER_IN_FLIGHT_LIMIT, when set, are handed to the server (0 turns a limit
// off, to see what the limits buy).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { HammerPlan, HammerReport, HammerRequest } from './fairness-hammer.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const adminUrl = process.env.DATABASE_URL;
if (adminUrl === undefined) {
  console.error('bench:fairness needs DATABASE_URL (a PostgreSQL admin URL)');
  process.exit(2);
}
const BENCH_DB = process.env.BENCH_DB ?? 'budget_bench_fairness';
const benchUrl = Object.assign(new URL(adminUrl), { pathname: `/${BENCH_DB}` }).toString();
/** Quiet-user calls per phase, at QUIET_PER_SECOND. */
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const QUIET_PER_SECOND = 10;
/** Quiet-user calls per window; windows of each phase alternate. */
const WINDOW_SAMPLES = 50;
/** After pausing or resuming the hammer, before measuring: requests in flight finish. */
const SETTLE_MS = 1_500;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const TARGET_RATIO = 3;
const PASSWORD = 'bench password of sufficient length';
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
/** A port nothing listens on now (other benches may run on this machine). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

const PORT = await freePort();
const SERVER = `http://127.0.0.1:${PORT}`;
const NOISY = { email: 'fair-noisy@example.test', transactions: 300_000, months: 120 };
const QUIET = { email: 'fair-quiet@example.test', transactions: 10_000, months: 24 };
const EXTRA_CURRENCIES = ['EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'SEK', 'NOK'];
const PASSED_THROUGH = ['USER_RATE_LIMIT', 'USER_IN_FLIGHT_LIMIT'] as const;

async function query<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

function admin(args: string[]): void {
  const run = spawnSync(process.execPath, ['apps/admin/bin/budget-admin.mjs', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: benchUrl, NODE_ENV: 'production', JWT_SECRET },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`budget-admin ${args[0] ?? ''} failed`);
}

/** Creates, migrates and seeds the bench database unless an earlier run left it complete. */
async function prepareDatabase(): Promise<void> {
  const exists = await query(adminUrl ?? '', 'select 1 from pg_database where datname = $1', [
    BENCH_DB,
  ]);
  if (exists.length === 0) await query(adminUrl ?? '', `create database "${BENCH_DB}"`);
  admin(['migrate']);
  for (const user of [NOISY, QUIET]) {
    const [row] = await query<{ n: number }>(
      benchUrl,
      `select count(t.id)::int as n from users u left join transactions t on t.owner_id = u.id
       where u.email = $1`,
      [user.email],
    );
    if ((row?.n ?? 0) >= user.transactions) continue;
    process.stdout.write(`seeding ${user.email} (${user.transactions} transactions)\n`);
    admin([
      'seed',
      ...['--email', user.email, '--password', PASSWORD, '--reset'],
      ...['--transactions', String(user.transactions), '--months', String(user.months)],
    ]);
  }
  await query(benchUrl, 'vacuum analyze');
}

function startServer(): ChildProcess {
  const passed = Object.fromEntries(
    PASSED_THROUGH.flatMap((name) => {
      const value = process.env[name];
      return value === undefined ? [] : [[name, value]];
    }),
  );
  return spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: benchUrl,
      JWT_SECRET,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      ...passed,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inputOf = (input: unknown) => encodeURIComponent(JSON.stringify(input));
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * One call over HTTP as a polite client does it: on 429 it waits what Retry-After says and tries
 * again. Throws on any other failure.
 */
async function call<T>(request: HammerRequest, token?: string): Promise<T> {
  for (;;) {
    const response = await fetch(`${SERVER}${request.path}`, {
      method: request.method,
      headers: {
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const text = await response.text();
    // A batch answers 207 when some of its calls failed: retried as a whole when it was the limit.
    const refused =
      response.status === 429 || (response.status === 207 && text.includes('"TOO_MANY_REQUESTS"'));
    if (refused) {
      await sleep(Number(response.headers.get('retry-after') ?? 1) * 1000);
      continue;
    }
    if (!response.ok) throw new Error(`${request.path}: ${response.status} ${text.slice(0, 300)}`);
    if (!request.path.startsWith('/trpc/')) return text as T;
    const body = JSON.parse(text) as { result: { data: T } } | { result: { data: unknown } }[];
    return Array.isArray(body) ? (body.map((each) => each.result.data) as T) : body.result.data;
  }
}

const get = (path: string, input?: unknown): HammerRequest => ({
  method: 'GET',
  path: `/trpc/${path}${input === undefined ? '' : `?input=${inputOf(input)}`}`,
});
const post = (path: string, input: unknown): HammerRequest => ({
  method: 'POST',
  path: `/trpc/${path}`,
  body: JSON.stringify(input),
});

async function signIn(email: string): Promise<string> {
  const session = await call<{ accessToken: string }>(
    post('auth.login', { email, password: PASSWORD }),
  );
  return session.accessToken;
}

interface Named {
  id: string;
  name: string;
  currency?: string;
  kind?: string;
}

/**
 * Makes the noisy user's reports as wide as they may be: accounts in eight more currencies with
 * entries over ten years, and a weekly rollover budget since 1990 on every expense category.
 */
async function widenNoisyUser(token: string): Promise<void> {
  const accounts = await call<Named[]>(get('accounts.list', { includeArchived: true }), token);
  const have = new Set(accounts.map((account) => account.currency));
  const now = new Date();
  for (const currency of EXTRA_CURRENCIES.filter((code) => !have.has(code))) {
    const account = await call<Named>(
      post('accounts.create', { name: `Travel ${currency}`, type: 'cash', currency }),
      token,
    );
    for (let month = 0; month < 120; month += 4) {
      const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - month, 10));
      await call(
        post('transactions.create', {
          accountId: account.id,
          amount: -(1_000 + month * 37),
          occurredOn: isoDay(day),
          payee: `Abroad ${month}`,
        }),
        token,
      );
    }
  }
  const budgets = await call<{ categoryId: string; period: string }[]>(get('budgets.list'), token);
  const budgeted = new Set(
    budgets.filter((budget) => budget.period === 'weekly').map((budget) => budget.categoryId),
  );
  const categories = await call<Named[]>(get('categories.list', { kind: 'expense' }), token);
  for (const category of categories.filter((each) => !budgeted.has(each.id))) {
    await call(
      post('budgets.create', {
        categoryId: category.id,
        amount: 5_000,
        period: 'weekly',
        startsOn: '1990-01-01',
        rollover: true,
      }),
      token,
    );
  }
}

/** The heaviest things one user may ask for, each checked to succeed before the hammer starts. */
function heavyRequests(currencies: number): HammerRequest[] {
  const today = new Date();
  const weeks = Math.floor(5_000 / currencies) - 2;
  const longAgo = isoDay(new Date(today.getTime() - weeks * 7 * 86_400_000));
  const trend = { from: longAgo, to: isoDay(today), granularity: 'week' };
  const everything = { from: '1900-01-01', to: '2999-12-31' };
  const yearAgo = isoDay(new Date(today.getTime() - 365 * 86_400_000));
  const batch = {
    0: everything,
    1: trend,
    2: {},
    3: { pageSize: 100, page: 100 },
  };
  return [
    get('reports.trend', trend),
    get('budgets.progress', {}),
    get('reports.summary', everything),
    get('transactions.list', { limit: 100, search: 'e' }),
    get('transactions.page', { pageSize: 100, page: 100, sort: 'amount_desc' }),
    {
      method: 'GET',
      path: `/trpc/reports.summary,reports.trend,budgets.progress,transactions.page?batch=1&input=${inputOf(batch)}`,
    },
    // A year (~30 000 rows, 2 MB): the whole ledger takes long enough to stall the hammer's
    // connections on it, which would spare the server rather than load it.
    { method: 'GET', path: `/export/transactions.csv?from=${yearAgo}` },
  ];
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** The quiet user's call times (ms) and the statuses of any that failed. */
interface Phase {
  times: number[];
  failures: Map<number, number>;
}

const newPhase = (): Phase => ({ times: [], failures: new Map() });

/**
 * `count` calls of the quiet user's transactions.list at QUIET_PER_SECOND, added to `phase`.
 * Calls start on a fixed schedule (a slow answer does not push the next ones back), one at a time.
 */
async function measureQuietUser(token: string, count: number, phase: Phase): Promise<void> {
  const request = get('transactions.list', { limit: 50 });
  const interval = 1000 / QUIET_PER_SECOND;
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const wait = started + index * interval - performance.now();
    if (wait > 0) await sleep(wait);
    const begin = performance.now();
    const response = await fetch(`${SERVER}${request.path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.arrayBuffer();
    phase.times.push(performance.now() - begin);
    if (response.status !== 200) {
      phase.failures.set(response.status, (phase.failures.get(response.status) ?? 0) + 1);
    }
  }
}

/**
 * Waits until the server has no database work left from the paused hammer (no active statement
 * on the bench database but this check's own), so a quiet window is quiet, whatever the limits.
 */
async function drained(): Promise<void> {
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  try {
    for (let idleChecks = 0, attempt = 0; idleChecks < 3 && attempt < 600; attempt += 1) {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
         where datname = $1 and pid <> pg_backend_pid() and state = 'active'`,
        [BENCH_DB],
      );
      idleChecks = rows[0]?.n === 0 ? idleChecks + 1 : 0;
      await sleep(100);
    }
  } finally {
    await client.end();
  }
  await sleep(SETTLE_MS);
}

function startHammer(plan: HammerPlan): { child: ChildProcess; report: Promise<HammerReport> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'apps/server/bench/fairness-hammer.ts'],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HAMMER_PLAN: JSON.stringify(plan) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const report = new Promise<HammerReport>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(output) as HammerReport);
      else reject(new Error(`the hammer exited with ${String(code)}`));
    });
  });
  return { child, report };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function main(): Promise<void> {
  await prepareDatabase();
  const build = spawnSync('pnpm', ['--filter', '@budget/server', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('the server build failed');
  // Sign-ins of earlier runs must not trip the login limits of this one.
  await query(benchUrl, 'delete from rate_limits');

  const server = startServer();
  let hammer: ReturnType<typeof startHammer> | undefined;
  try {
    await waitFor(`${SERVER}/ready`);
    const noisy = await signIn(NOISY.email);
    const quiet = await signIn(QUIET.email);
    await widenNoisyUser(noisy);
    const accounts = await call<Named[]>(get('accounts.list', {}), noisy);
    const currencies = new Set(accounts.map((account) => account.currency)).size;
    const requests = heavyRequests(currencies);
    for (const request of requests) await call(request, noisy);

    await measureQuietUser(quiet, 30, newPhase()); // warm-up, not counted

    // Quiet and hammered windows alternate (the hammer is paused with SIGSTOP in between), so
    // both phases see the same background load of a shared machine.
    const calm = newPhase();
    const busy = newPhase();
    const windows = Math.max(1, Math.round(SAMPLES / WINDOW_SAMPLES));
    hammer = startHammer({ url: SERVER, token: noisy, connections: CONNECTIONS, requests });
    await sleep(3_000);
    for (let window = 0; window < windows; window += 1) {
      await measureQuietUser(quiet, WINDOW_SAMPLES, busy);
      hammer.child.kill('SIGSTOP');
      await drained();
      await measureQuietUser(quiet, WINDOW_SAMPLES, calm);
      hammer.child.kill('SIGCONT');
      await sleep(SETTLE_MS);
    }
    hammer.child.kill('SIGTERM');
    const report = await hammer.report;

    const [calmP50, calmP99, busyP50, busyP99] = [
      percentile(calm.times, 0.5),
      percentile(calm.times, 0.99),
      percentile(busy.times, 0.5),
      percentile(busy.times, 0.99),
    ];
    const ratio = busyP99 / calmP99;
    const refused = report.statusCodes['429'] ?? 0;
    const other = Object.entries(report.statusCodes)
      .filter(([code]) => code !== '200' && code !== '429')
      .map(([code, count]) => `${code}: ${count}`);
    const quietFailures = [...calm.failures, ...busy.failures];
    const medianRatio = busyP50 / calmP50;
    // The target is on p99; on a shared machine a few outliers can inflate the quiet p99 enough
    // to hide a slow-down, so the p50 must stay under it too.
    const pass = ratio < TARGET_RATIO && medianRatio < TARGET_RATIO && quietFailures.length === 0;
    const limits = PASSED_THROUGH.map((name) => `${name}=${process.env[name] ?? 'default'}`);
    console.log(
      [
        '',
        `server: production bundle on PostgreSQL, ${limits.join(', ')}`,
        `quiet user: transactions.list (50 rows) at ${QUIET_PER_SECOND}/s, ${calm.times.length} calls per phase in ${windows} alternating windows`,
        `noisy user: ${CONNECTIONS} connections in another process, ${requests.length} heavy requests round robin`,
        '',
        `quiet server:   p50 ${ms(calmP50)}   p99 ${ms(calmP99)}`,
        `while hammered: p50 ${ms(busyP50)}   p99 ${ms(busyP99)}`,
        `p99 ratio: ${ratio.toFixed(2)}× (target < ${TARGET_RATIO}×); p50 ratio: ${medianRatio.toFixed(2)}× (also < ${TARGET_RATIO}×)`,
        `quiet user's failed calls: ${
          quietFailures.length === 0
            ? 'none'
            : quietFailures.map(([code, count]) => `${code}: ${count}`).join(', ')
        }`,
        `hammer: ${report.total} responses, ${refused} answered 429 (${(
          (refused / Math.max(1, report.total)) *
          100
        ).toFixed(1)} %), ${report.statusCodes['200'] ?? 0} served` +
          (other.length > 0 ? `, other: ${other.join(', ')}` : '') +
          `, ${report.errors} errors, ${report.timeouts} timeouts; hammer p50 ${report.p50} ms, p99 ${report.p99} ms`,
        pass ? 'PASS' : 'FAIL',
      ].join('\n'),
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    hammer?.child.kill('SIGCONT');
    hammer?.child.kill('SIGTERM');
    server.kill('SIGTERM');
  }
}

await main();
