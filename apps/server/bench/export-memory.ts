// `pnpm bench:export`: the server's memory while it streams a 1 000 000-row CSV export.
// Runs the production bundle on the PostgreSQL bench database that `pnpm bench:http` creates
// (budget_bench_http, user bench-big@example.test with 1 000 000 transactions), downloads
// GET /export/transactions.csv over HTTP as fast as the client reads, and prints rows, bytes,
// seconds and the server's RSS (sampled, and the kernel's high-water mark VmHWM).
// Needs DATABASE_URL (a PostgreSQL admin URL, as for bench:http).
import pg from 'pg';
import { buildBundle, memoryOf, mib, root, sampleRss, startBundle, trpc } from './bench-server.ts';

const BENCH_DB = process.env.BENCH_DB ?? 'budget_bench_http';
const EMAIL = 'bench-big@example.test';
const PASSWORD = 'bench password of sufficient length';
const PORT = Number(process.env.BENCH_PORT ?? 4410);
/**
 * SPEC: constant memory for a million rows. The heap grows to a working size in the first rows;
 * after that, RSS must not keep growing with the rows: the second half of the export may not
 * rise more than this above the highest RSS of the first half.
 */
const MAX_LATE_GROWTH_MIB = 16;

const adminUrl = process.env.DATABASE_URL;
if (adminUrl === undefined) {
  console.error('bench:export needs DATABASE_URL (a PostgreSQL admin URL, as bench:http does)');
  process.exit(2);
}
const benchUrl = Object.assign(new URL(adminUrl), { pathname: `/${BENCH_DB}` }).toString();

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** The big user's row count, or null when the bench database or the user is missing. */
async function benchRows(): Promise<number | null> {
  const exists = await query(adminUrl ?? '', 'select 1 from pg_database where datname = $1', [
    BENCH_DB,
  ]);
  if (exists.length === 0) return null;
  const rows = await query<{ n: number }>(
    benchUrl,
    `select count(t.*)::int as n from users u join transactions t on t.owner_id = u.id
     where u.email = $1`,
    [EMAIL],
  ).catch(() => []);
  const n = rows[0]?.n ?? 0;
  return n > 0 ? n : null;
}

async function main(): Promise<void> {
  const expected = await benchRows();
  if (expected === null) {
    console.error(
      `The bench database ${BENCH_DB} with ${EMAIL} is missing. Create it once with\n` +
        `  DATABASE_URL=${adminUrl ?? ''} pnpm bench:http\n` +
        '(it creates, migrates and seeds the database: 1 000 000 rows for that user), then run\n' +
        'pnpm bench:export again.',
    );
    process.exit(2);
  }
  buildBundle();
  // Sign-ins of earlier bench runs must not trip the login limits of this one.
  await query(benchUrl, 'delete from rate_limits', []);
  const server = await startBundle({ DATABASE_URL: benchUrl }, PORT);
  try {
    const { accessToken } = await trpc<{ accessToken: string }>(server.baseUrl, 'auth.login', {
      email: EMAIL,
      password: PASSWORD,
    });
    const before = memoryOf(server.child.pid);
    const highestRss = sampleRss(server.child.pid);
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/export/transactions.csv`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (!response.ok || response.body === null) {
      throw new Error(`export answered ${response.status}: ${await response.text()}`);
    }
    let bytes = 0;
    let lineEnds = 0;
    let previous = 0;
    /** RSS after each tenth of the rows. */
    const timeline: number[] = [];
    for await (const part of response.body as AsyncIterable<Uint8Array>) {
      const chunk = Buffer.from(part.buffer, part.byteOffset, part.length);
      bytes += chunk.length;
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
        if ((at === 0 ? previous : chunk[at - 1]) === 0x0d) lineEnds += 1;
      }
      previous = chunk.at(-1) ?? previous;
      if (lineEnds - 1 >= ((timeline.length + 1) * expected) / 10) {
        timeline.push(memoryOf(server.child.pid).rss);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const sampledPeak = highestRss();
    const after = memoryOf(server.child.pid);
    const rows = lineEnds - 1;
    const growth = sampledPeak - before.rss;
    const lateGrowth = Math.max(...timeline.slice(5)) - Math.max(...timeline.slice(0, 5));
    const pass = rows === expected && lateGrowth <= MAX_LATE_GROWTH_MIB;

    console.log(`\nGET /export/transactions.csv of ${EMAIL} (production bundle, ${BENCH_DB})`);
    console.log(
      `rows            ${rows.toLocaleString('en')} (database: ${expected.toLocaleString('en')})`,
    );
    console.log(`bytes           ${bytes.toLocaleString('en')} (${mib(bytes)})`);
    console.log(
      `seconds         ${seconds.toFixed(1)} (${Math.round(rows / seconds).toLocaleString('en')} rows/s, ${mib(bytes / seconds)}/s)`,
    );
    console.log(
      `server RSS      ${before.rss.toFixed(0)} MiB before, ${sampledPeak.toFixed(0)} MiB at most during (sampled every 20 ms), ${after.rss.toFixed(0)} MiB after`,
    );
    console.log(
      `server VmHWM    ${after.peak.toFixed(0)} MiB (peak RSS since start, login included)`,
    );
    console.log(`RSS by tenths   ${timeline.map((rss) => rss.toFixed(0)).join(' ')} MiB`);
    console.log(
      `verdict         ${pass ? 'pass' : 'FAIL'}: every row once; the export adds ${growth.toFixed(0)} MiB at most, ` +
        `${lateGrowth.toFixed(0)} MiB of it in the second half (target ≤ ${MAX_LATE_GROWTH_MIB} MiB: flat)`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    await server.stop();
  }
}

process.chdir(root);
await main();
