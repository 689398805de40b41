// `pnpm bench:dashboard`: how long the dashboard of the 1 000 000-row user takes to show its
// figures in Chromium. Uses the PostgreSQL bench database `pnpm bench:http` creates and seeds
// (budget_bench_http: bench-big@example.test, 1 000 000 transactions over 5 years), the server's
// production bundle serving a production build of the web app, and Debian's Chromium. Each run
// signs in in a fresh browser context, then reloads `/` (a returning user opening the app: the
// session resumes from the refresh cookie) and times navigation → balances, this month's totals,
// budgets, recent and upcoming entries all on screen. Prints every run and the median; the target
// is ≤ 1.5 s. Needs DATABASE_URL (a PostgreSQL admin URL).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createDb } from '@budget/db';
import { chromium, type Page } from 'playwright-core';

const TARGET_MS = 1500;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BENCH_DB = process.env.BENCH_DB ?? 'budget_bench_http';
const EMAIL = 'bench-big@example.test';
const PASSWORD = 'bench password of sufficient length';
const JWT_SECRET = 'dashboard-bench-secret-0123456789-0123456789';
const root = fileURLToPath(new URL('../../..', import.meta.url));
const webRoot = fileURLToPath(new URL('..', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const adminUrl = process.env.DATABASE_URL;
if (adminUrl === undefined || adminUrl.trim() === '') {
  console.error('bench:dashboard needs DATABASE_URL (a PostgreSQL admin URL)');
  process.exit(2);
}
const benchUrl = Object.assign(new URL(adminUrl), { pathname: `/${BENCH_DB}` }).toString();

function howToCreate(reason: string): never {
  console.error(
    `${reason}\nCreate it once with \`DATABASE_URL=${adminUrl ?? ''} pnpm bench:http\`: it makes ` +
      `${BENCH_DB} and seeds ${EMAIL} with 1 000 000 transactions (a few minutes).`,
  );
  process.exit(2);
}

/** Checks the big user is there, and clears login limits earlier sign-ins may have left. */
async function prepareDatabase(): Promise<void> {
  const db = createDb({ databaseUrl: benchUrl, poolMax: 1 });
  try {
    const user = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', EMAIL)
      .executeTakeFirst()
      .catch((error: unknown) =>
        howToCreate(
          `The bench database ${BENCH_DB} is not usable: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    if (user === undefined) howToCreate(`${BENCH_DB} has no ${EMAIL}.`);
    await db.deleteFrom('rateLimits').execute();
  } finally {
    await db.destroy();
  }
}

function build(label: string, command: string, args: string[], cwd: string): void {
  const run = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0) throw new Error(`${label} failed`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitFor(url: string, server: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** Every card of the dashboard has its data: no loading message is left in the page. */
async function figuresVisible(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const main = document.querySelector('main');
      if (main?.querySelector('[role="status"]') !== null) return false;
      const month = document.querySelector('section[aria-labelledby="this-month"]');
      return (
        document.querySelector('[data-testid="balances"]') !== null &&
        (month?.querySelector('dl, .empty') ?? null) !== null
      );
    },
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function main(): Promise<void> {
  await prepareDatabase();
  build(
    'the web app build',
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    webRoot,
  );
  build('the server build', 'pnpm', ['--filter', '@budget/server', 'build'], root);

  const port = await freePort();
  // localhost, not 127.0.0.1: the production refresh cookie is Secure, which browsers accept
  // over plain http only from localhost.
  const origin = `http://localhost:${port}`;
  const server = spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: benchUrl,
      NODE_ENV: 'production',
      JWT_SECRET,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      USER_RATE_LIMIT: '0',
      CORS_ORIGINS: origin,
    },
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    await waitFor(`http://127.0.0.1:${port}/ready`, server);
    const signIns: number[] = [];
    const reloads: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const context = await browser.newContext({
        baseURL: origin,
        viewport: { width: 1280, height: 900 },
        locale: 'en-US',
      });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      let started = performance.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await figuresVisible(page);
      signIns.push(performance.now() - started);

      started = performance.now();
      await page.goto('/');
      await figuresVisible(page);
      reloads.push(performance.now() - started);
      await context.close();
      console.log(
        `run ${run + 1}: sign-in → figures ${signIns.at(-1)?.toFixed(0)} ms, ` +
          `navigation to / → figures ${reloads.at(-1)?.toFixed(0)} ms`,
      );
    }
    const headline = median(reloads);
    console.log(
      `\n${EMAIL} (1 000 000 transactions), ${RUNS} runs, production build and server\n` +
        `median sign-in → dashboard figures: ${median(signIns).toFixed(0)} ms\n` +
        `median navigation to / → dashboard figures: ${headline.toFixed(0)} ms ` +
        `(target ≤ ${TARGET_MS} ms: ${headline <= TARGET_MS ? 'pass' : 'FAIL'})`,
    );
    process.exitCode = headline <= TARGET_MS ? 0 : 1;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
