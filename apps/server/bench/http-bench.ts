// `pnpm bench:http`: our server, as production runs it (the esbuild bundle), against the floor
// (floor-server.ts: Fastify + pg + jose, same SQL) on one PostgreSQL bench database holding one
// user with 1 000 000 transactions over 5 years and 50 users with 10 000 each. Both are loaded at
// 16 connections, one case after another, and a table of figures, targets and verdicts is printed.
// Needs DATABASE_URL (a PostgreSQL admin URL); the bench database is created once and reused.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const adminUrl = process.env.DATABASE_URL;
if (adminUrl === undefined) {
  console.error('bench:http needs DATABASE_URL (a PostgreSQL admin URL)');
  process.exit(2);
}
const BENCH_DB = process.env.BENCH_DB ?? 'budget_bench_http';
const benchUrl = Object.assign(new URL(adminUrl), { pathname: `/${BENCH_DB}` }).toString();
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * Each case runs this many times, ours and the floor alternating, and the medians are printed:
 * on two shared cores one 10-second run can be off by a third (autovacuum, the page cache).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Only the cases whose name contains one of these `|`-separated parts (to work on a few). */
const ONLY = (process.env.BENCH_ONLY ?? '').split('|');
/** A directory: the server then writes a CPU profile there when it stops. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
const CONNECTIONS = 16;
const WARM_UP_SECONDS = 5;
const PASSWORD = 'bench password of sufficient length';
const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const OURS = 'http://127.0.0.1:4400';
const FLOOR = 'http://127.0.0.1:4401';
const bigEmail = 'bench-big@example.test';
const smallEmail = (index: number) => `bench-${String(index).padStart(2, '0')}@example.test`;

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

function admin(args: string[], databaseUrl = benchUrl): void {
  const run = spawnSync(process.execPath, ['apps/admin/bin/budget-admin.mjs', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production', JWT_SECRET },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`budget-admin ${args[0] ?? ''} failed`);
}

const seedArgs = (email: string, transactions: number) => [
  'seed',
  ...['--email', email, '--password', PASSWORD],
  ...['--transactions', String(transactions), '--months', '60'],
];

/**
 * Times `budget-admin seed` of 1 000 000 rows into a scratch database, dropped afterwards, so
 * every run prints the figure (BENCH_SKIP_SEED=1 leaves it out).
 */
async function timeSeed(): Promise<string> {
  const scratch = `${BENCH_DB}_seed`;
  const scratchUrl = Object.assign(new URL(adminUrl ?? ''), { pathname: `/${scratch}` }).toString();
  await query(adminUrl ?? '', `drop database if exists "${scratch}"`);
  await query(adminUrl ?? '', `create database "${scratch}"`);
  try {
    admin(['migrate'], scratchUrl);
    const started = performance.now();
    admin(seedArgs('seed-timing@example.test', 1_000_000), scratchUrl);
    const seconds = (performance.now() - started) / 1000;
    return `budget-admin seed of 1 000 000 rows: ${seconds.toFixed(1)} s (target ≤ 60 s: ${
      seconds <= 60 ? 'pass' : 'FAIL'
    })`;
  } finally {
    await query(adminUrl ?? '', `drop database if exists "${scratch}"`);
  }
}

/** Creates, migrates and seeds the bench database unless an earlier run left it complete. */
async function prepareDatabase(): Promise<void> {
  const exists = await query(adminUrl ?? '', 'select 1 from pg_database where datname = $1', [
    BENCH_DB,
  ]);
  if (exists.length === 0) await query(adminUrl ?? '', `create database "${BENCH_DB}"`);
  admin(['migrate']);
  const seeded = await query<{ n: number }>(
    benchUrl,
    `select count(*)::int as n from users where email like 'bench-%'`,
  );
  if (seeded[0]?.n === 51) return;
  await query(benchUrl, `delete from users where email like 'bench-%'`);
  admin(seedArgs(bigEmail, 1_000_000));
  for (let index = 0; index < 50; index += 1) admin(seedArgs(smallEmail(index), 10_000));
  await query(benchUrl, 'vacuum analyze');
}

/** The node arguments of the Dockerfile's CMD: the server starts exactly as production does. */
function productionCommand(): string[] {
  const dockerfile = readFileSync(`${root}/Dockerfile`, 'utf8');
  const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  if (cmd === undefined) throw new Error('the Dockerfile has no CMD [...] line');
  const [node, ...args] = JSON.parse(cmd) as string[];
  if (node !== 'node') throw new Error(`the Dockerfile's CMD runs ${String(node)}, not node`);
  return args;
}

function start(command: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, command, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** Peak resident memory of a process so far (Linux VmHWM), in MB. */
function peakRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function trpc<T>(path: string, input: unknown, token?: string): Promise<T> {
  const response = await fetch(`${OURS}/trpc/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (body.result === undefined) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

async function trpcQuery<T>(path: string, input: unknown, token: string): Promise<T> {
  const response = await fetch(
    `${OURS}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (body.result === undefined) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

interface Case {
  name: string;
  ours: Load;
  floor?: Load;
  target: (
    ours: Figures,
    floor: Figures | undefined,
    all: Map<string, Figures>,
  ) => [string, boolean];
}

interface Signed {
  token: string;
  checking: string;
}

async function signIn(email: string): Promise<Signed> {
  const session = await trpc<{ accessToken: string }>('auth.login', { email, password: PASSWORD });
  const accounts = await trpcQuery<{ id: string; name: string }[]>(
    'accounts.list',
    {},
    session.accessToken,
  );
  const checking = accounts.find((account) => account.name.toLowerCase().includes('checking'));
  if (checking === undefined) throw new Error(`${email} has no checking account`);
  return { token: session.accessToken, checking: checking.id };
}

interface Load {
  url: string;
  method?: 'GET' | 'POST';
  /** One per connection, round robin: the signed-in users and the body each one sends. */
  clients: { token: string; body?: string }[];
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load({ url, method = 'GET', clients }: Load, duration = DURATION): Promise<Figures> {
  let next = 0;
  const result = await autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration,
    setupClient(client) {
      const { token, body } = clients[next % clients.length] ?? { token: '' };
      next += 1;
      client.setHeaders({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
      if (body !== undefined) client.setBody(body);
    },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** Per figure, the median over the rounds (errors: the sum). */
function medianOf(rounds: Figures[]): Figures {
  const median = (pick: (figures: Figures) => number) => {
    const sorted = rounds.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  };
  return {
    rps: median((figures) => figures.rps),
    p50: median((figures) => figures.p50),
    p99: median((figures) => figures.p99),
    errors: rounds.reduce((sum, figures) => sum + figures.errors, 0),
  };
}

const inputOf = (input: unknown) => `input=${encodeURIComponent(JSON.stringify(input))}`;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

async function main(): Promise<void> {
  await prepareDatabase();
  const seedLine = process.env.BENCH_SKIP_SEED === '1' ? null : await timeSeed();
  const build = spawnSync('pnpm', ['--filter', '@budget/server', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('the server build failed');

  // Sign-ins of earlier runs must not trip the login limits of this one.
  await query(benchUrl, 'delete from rate_limits');
  // Earlier runs' creates leave dead row versions on the hot rows: every run starts clean.
  await query(benchUrl, 'vacuum analyze');
  const env = { DATABASE_URL: benchUrl, JWT_SECRET };
  const profile = PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`];
  const ours = start([...profile, ...productionCommand()], {
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '4400',
    LOG_LEVEL: 'warn',
    // One user on 16 connections is this bench's load, not an abuse: the fairness limits are off.
    USER_RATE_LIMIT: '0',
    USER_IN_FLIGHT_LIMIT: '0',
  });
  const floor = start(['--import', 'tsx', 'apps/server/bench/floor-server.ts'], {
    ...env,
    FLOOR_PORT: '4401',
    NODE_ENV: 'production',
  });
  try {
    await waitFor(`${OURS}/ready`);
    await waitFor(`${FLOOR}/list`).catch(() => undefined);
    const big = await signIn(bigEmail);
    const small: Signed[] = [];
    for (let index = 0; index < 16; index += 1) small.push(await signIn(smallEmail(index)));

    const [deep] = await query<{ occurred_on: string; id: string; amount: string }>(
      benchUrl,
      `select occurred_on::text, id, amount::text from transactions
       where owner_id = (select id from users where email = $1)
       order by occurred_on desc, id desc offset 899999 limit 1`,
      [bigEmail],
    );
    if (deep === undefined) throw new Error('the big user has fewer than 900 000 rows');
    const cursor = Buffer.from(
      JSON.stringify({ s: 'date_desc', d: deep.occurred_on, a: Number(deep.amount), i: deep.id }),
    ).toString('base64url');

    const today = new Date();
    const monthAgo = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 6, 1));
    const month = {
      from: isoDay(monthAgo),
      to: isoDay(new Date(Date.UTC(monthAgo.getUTCFullYear(), monthAgo.getUTCMonth() + 1, 0))),
    };
    const fiveYears = {
      from: `${today.getUTCFullYear() - 5}-${isoDay(today).slice(5)}`,
      to: isoDay(today),
      granularity: 'month',
    };
    const createBody = (signed: Signed) =>
      JSON.stringify({
        accountId: signed.checking,
        amount: -1234,
        occurredOn: isoDay(today),
        payee: 'Bench',
      });
    const bigClient = [{ token: big.token }];

    const ratio =
      (min: number) =>
      (o: Figures, f: Figures | undefined): [string, boolean] => [
        `≥ ${min * 100} % of floor`,
        f !== undefined && o.rps >= min * f.rps,
      ];
    const p50Under =
      (ms: number) =>
      (o: Figures): [string, boolean] => [`p50 ≤ ${ms} ms`, o.p50 <= ms];
    const cases: Case[] = [
      {
        name: 'list, first page',
        ours: { url: `${OURS}/trpc/transactions.list?${inputOf({})}`, clients: bigClient },
        floor: { url: `${FLOOR}/list`, clients: bigClient },
        target: ratio(0.7),
      },
      {
        name: 'list at row 900 000',
        ours: { url: `${OURS}/trpc/transactions.list?${inputOf({ cursor })}`, clients: bigClient },
        floor: { url: `${FLOOR}/list?date=${deep.occurred_on}&id=${deep.id}`, clients: bigClient },
        target: (o, _f, all) => {
          const first = all.get('list, first page');
          return [
            'p50 ≤ 1.3 × first page',
            first !== undefined && o.p50 <= 1.3 * Math.max(first.p50, 1),
          ];
        },
      },
      {
        name: 'page 1',
        ours: { url: `${OURS}/trpc/transactions.page?${inputOf({})}`, clients: bigClient },
        floor: { url: `${FLOOR}/list`, clients: bigClient },
        target: ratio(0.4),
      },
      {
        name: 'one-month list',
        ours: { url: `${OURS}/trpc/transactions.list?${inputOf(month)}`, clients: bigClient },
        floor: { url: `${FLOOR}/list?from=${month.from}&to=${month.to}`, clients: bigClient },
        target: () => ['(information)', true],
      },
      {
        name: 'budgets.progress',
        ours: { url: `${OURS}/trpc/budgets.progress?${inputOf({})}`, clients: bigClient },
        target: p50Under(20),
      },
      {
        name: 'reports.summary, a month',
        ours: {
          url: `${OURS}/trpc/reports.summary?${inputOf({ from: month.from, to: month.to })}`,
          clients: bigClient,
        },
        target: p50Under(20),
      },
      {
        name: 'reports.trend, 5 years',
        ours: { url: `${OURS}/trpc/reports.trend?${inputOf(fiveYears)}`, clients: bigClient },
        target: p50Under(50),
      },
      {
        name: 'create, one account',
        ours: {
          url: `${OURS}/trpc/transactions.create`,
          method: 'POST',
          clients: [{ token: big.token, body: createBody(big) }],
        },
        floor: {
          url: `${FLOOR}/create`,
          method: 'POST',
          clients: [{ token: big.token, body: createBody(big) }],
        },
        target: ratio(0.6),
      },
      {
        name: 'create, 16 users',
        ours: {
          url: `${OURS}/trpc/transactions.create`,
          method: 'POST',
          clients: small.map((s) => ({ token: s.token, body: createBody(s) })),
        },
        floor: {
          url: `${FLOOR}/create`,
          method: 'POST',
          clients: small.map((s) => ({ token: s.token, body: createBody(s) })),
        },
        target: ratio(0.6),
      },
    ];

    // Both servers first run a few seconds unmeasured, so neither is timed while its JIT warms up.
    const [firstCase] = cases;
    if (firstCase?.floor !== undefined) {
      for (const warmUp of [firstCase.ours, firstCase.floor]) await load(warmUp, WARM_UP_SECONDS);
    }
    const results = new Map<string, Figures>();
    const lines: string[][] = [];
    let allPass = true;
    for (const benchCase of cases.filter(({ name }) => ONLY.some((part) => name.includes(part)))) {
      const oursRounds: Figures[] = [];
      const floorRounds: Figures[] = [];
      for (let round = 0; round < ROUNDS; round += 1) {
        oursRounds.push(await load(benchCase.ours));
        if (benchCase.floor !== undefined) floorRounds.push(await load(benchCase.floor));
      }
      const o = medianOf(oursRounds);
      results.set(benchCase.name, o);
      const f = floorRounds.length === 0 ? undefined : medianOf(floorRounds);
      const [target, pass] = benchCase.target(o, f, results);
      allPass &&= pass && o.errors === 0;
      lines.push([
        benchCase.name,
        o.rps.toFixed(0),
        `${o.p50} ms`,
        `${o.p99} ms`,
        f === undefined ? '-' : f.rps.toFixed(0),
        f === undefined ? '-' : `${((o.rps / f.rps) * 100).toFixed(0)} %`,
        target,
        (pass ? 'pass' : 'FAIL') + (o.errors > 0 ? ` (${o.errors} errors)` : ''),
      ]);
    }
    const rss = peakRssMb(ours.pid);
    allPass &&= rss <= 150;
    const header = [
      'case',
      'ours req/s',
      'p50',
      'p99',
      'floor req/s',
      'ratio',
      'target',
      'verdict',
    ];
    const widths = header.map((title, column) =>
      Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
    );
    const row = (cells: string[]) =>
      cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ');
    console.log(
      `\n${CONNECTIONS} connections, ${DURATION} s per run, median of ${ROUNDS} runs per case (ours and the floor alternating), server = \`node ${productionCommand().join(' ')}\`\n`,
    );
    console.log(row(header));
    console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
    for (const line of lines) console.log(row(line));
    console.log(
      `\nserver peak RSS: ${rss.toFixed(0)} MB (target ≤ 150 MB: ${rss <= 150 ? 'pass' : 'FAIL'})`,
    );
    if (seedLine !== null) console.log(seedLine);
    process.exitCode = allPass ? 0 : 1;
  } finally {
    ours.kill('SIGTERM');
    floor.kill('SIGTERM');
  }
}

await main();
