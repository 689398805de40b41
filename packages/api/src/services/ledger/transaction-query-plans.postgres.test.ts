import { createDb, type Database, type Db } from '@budget/db';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import { CompiledQuery, sql, type SelectQueryBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  listTransactionsInput,
  pageTransactionsInput,
  type ListTransactionsInput,
  type TransactionSort,
} from '../../schemas/transactions.ts';
import { ownerOf, type Actor, type Owner } from '../../actor.ts';
import { silentLogger } from '../../deps.ts';
import { actAs } from '../admin/users.ts';
import { encodeCursor } from './transaction-cursor.ts';
import { exportTransactionsCsv } from './transaction-export.ts';
import { list, page as pageOf } from './transaction-queries.ts';
import { transactionColumns } from './transaction-rows.ts';

// Runs only against PostgreSQL (see vitest.config.ts): plans and timings mean nothing on PGlite.

const LEDGER_ROWS = 200_000;
const DEEP_OFFSET = 150_000;

let database: TestDatabase;
let ownerId: string;
let owner: Owner;
/** The same user as a whole actor, for services that take one (the CSV export). */
let ownerActor: Actor;

/** The SQL and values a service call runs, as Kysely sent them to the database. */
async function capture(call: (db: Db) => Promise<unknown>): Promise<CompiledQuery[]> {
  const executed: CompiledQuery[] = [];
  const db = createDb({
    ...database.config,
    log: (event) => {
      if (event.level === 'query') executed.push(event.query);
    },
  });
  try {
    await call(db);
  } finally {
    await db.destroy();
  }
  return executed;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string | undefined;
  'Index Name'?: string | undefined;
  'Index Cond'?: string | undefined;
  Filter?: string | undefined;
  'Actual Rows': number;
  'Actual Total Time': number;
  'Rows Removed by Filter'?: number | undefined;
  Plans?: PlanNode[] | undefined;
}

const planNodeSchema: z.ZodType<PlanNode> = z.looseObject({
  'Node Type': z.string(),
  'Relation Name': z.string().optional(),
  'Index Name': z.string().optional(),
  'Index Cond': z.string().optional(),
  Filter: z.string().optional(),
  'Actual Rows': z.number(),
  'Actual Total Time': z.number(),
  'Rows Removed by Filter': z.number().optional(),
  get Plans() {
    return z.array(planNodeSchema).optional();
  },
});

const explainSchema = z.tuple([
  z.looseObject({ Plan: planNodeSchema, 'Execution Time': z.number() }),
]);

interface Explained {
  sql: string;
  plan: PlanNode;
  executionMs: number;
}

async function explain(query: CompiledQuery, db: Db = database.db): Promise<Explained> {
  const result = await db
    .withoutPlugins()
    .executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`explain (analyze, format json) ${query.sql}`, [...query.parameters]),
    );
  // One row, one column ("QUERY PLAN"), of type json: pg hands it over parsed.
  const cell: unknown = Object.values(result.rows[0] ?? {})[0];
  const [{ Plan, 'Execution Time': executionMs }] = explainSchema.parse(
    typeof cell === 'string' ? (JSON.parse(cell) as unknown) : cell,
  );
  return { sql: query.sql, plan: Plan, executionMs };
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

function render(plan: PlanNode, depth = 0): string[] {
  const target = [
    plan['Index Name'] === undefined ? '' : ` using ${plan['Index Name']}`,
    plan['Relation Name'] === undefined ? '' : ` on ${plan['Relation Name']}`,
  ].join('');
  const detail = [
    plan['Index Cond'] === undefined ? '' : `  Index Cond: ${plan['Index Cond']}`,
    plan.Filter === undefined ? '' : `  Filter: ${plan.Filter}`,
  ].join('');
  const line = `${'  '.repeat(depth)}${plan['Node Type']}${target} (rows=${plan['Actual Rows']}, ${plan['Actual Total Time'].toFixed(3)} ms)${detail}`;
  // Conditions may quote a line break (the search text joins payee and note with one).
  return [
    line.replaceAll('\n', '\\n'),
    ...(plan.Plans ?? []).flatMap((child) => render(child, depth + 1)),
  ];
}

function report(label: string, explained: Explained): void {
  console.log(
    [
      `── ${label}: execution ${explained.executionMs.toFixed(3)} ms`,
      ...render(explained.plan),
    ].join('\n'),
  );
}

/** The plan must read transactions through an index, never by scanning the whole table. */
function expectIndexOnly(explained: Explained): void {
  const reads = nodesOf(explained.plan).filter((node) => node['Relation Name'] === 'transactions');
  expect(reads.length).toBeGreaterThan(0);
  expect(reads.map((node) => node['Node Type'])).not.toContain('Seq Scan');
}

async function createOwner(
  label: string,
): Promise<{ id: string; accountIds: string[]; categoryIds: string[] }> {
  const { db } = database;
  const { id } = await db
    .insertInto('users')
    .values({
      email: `${label}-${Date.now()}@example.test`,
      passwordHash: 'not-a-real-hash',
      displayName: label,
      currency: 'USD',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const accounts = await db
    .insertInto('accounts')
    .values(
      ['Checking', 'Savings', 'Card'].map((name) => ({
        ownerId: id,
        name,
        type: 'checking' as const,
        currency: 'USD',
        balance: 0,
      })),
    )
    .returning('id')
    .execute();
  const categories = await db
    .insertInto('categories')
    .values(
      Array.from({ length: 10 }, (_, index) => ({
        ownerId: id,
        name: `Category ${index}`,
        kind: index < 8 ? ('expense' as const) : ('income' as const),
      })),
    )
    .returning('id')
    .execute();
  return {
    id,
    accountIds: accounts.map((row) => row.id),
    categoryIds: categories.map((row) => row.id),
  };
}

/**
 * `rows` transactions spread over ~5 years, 3 accounts and 10 categories (1 in 11 uncategorized),
 * mostly expenses of varied size; 1 row in 5 000 is paid to "Zanzibar Imports".
 */
async function generateLedger(
  owner: { id: string; accountIds: string[]; categoryIds: string[] },
  rows: number,
): Promise<void> {
  await sql`
    insert into transactions (owner_id, account_id, currency, category_id, amount, occurred_on, payee, note)
    select ${owner.id}::uuid,
           (${owner.accountIds}::uuid[])[1 + n % 3],
           'USD',
           case when n % 11 = 0 then null else (${owner.categoryIds}::uuid[])[1 + n % 10] end,
           case when n % 7 = 0 then 1 + (n::bigint * 7919) % 500000 else -(1 + (n::bigint * 104729) % 100000) end,
           date '2021-01-01' + (n * 37) % 1826,
           case when n % 5000 = 0 then 'Zanzibar Imports' else 'Payee ' || n % 997 end,
           case when n % 13 = 0 then 'note ' || n end
    from generate_series(1, ${rows}) as n`.execute(database.db);
  await sql`
    update accounts set balance = opening_balance + coalesce(
      (select sum(t.amount) from transactions t
        where t.owner_id = accounts.owner_id and t.account_id = accounts.id), 0)
    where owner_id = ${owner.id}`.execute(database.db);
}

const listInput = (input: Partial<ListTransactionsInput>) => listTransactionsInput.parse(input);

const sorts = ['date_desc', 'date_asc', 'amount_desc', 'amount_asc'] as const;

const rowsQuery = () =>
  database.db.selectFrom('transactions').where('transactions.ownerId', '=', ownerId);

/** The order a sort promises, written out independently of the service's query builder. */
function inOrder<O>(
  sort: TransactionSort,
  query: SelectQueryBuilder<Database, 'transactions', O>,
): SelectQueryBuilder<Database, 'transactions', O> {
  const key = sort.startsWith('date') ? 'transactions.occurredOn' : 'transactions.amount';
  const direction = sort.endsWith('_desc') ? 'desc' : 'asc';
  return query.orderBy(key, direction).orderBy('transactions.id', direction);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const ledgerOwner = await createOwner('ledger-owner');
  ownerId = ledgerOwner.id;
  ownerActor = await actAs({ db: database.db, log: silentLogger }, { id: ownerId });
  owner = ownerOf(ownerActor);
  await generateLedger(ledgerOwner, LEDGER_ROWS);
  for (const label of ['neighbour-a', 'neighbour-b', 'neighbour-c']) {
    await generateLedger(await createOwner(label), 5_000);
  }
  // What autovacuum does to a settled table: statistics, visibility map, GIN pending list merged.
  await sql`vacuum (analyze) transactions`.execute(database.db);
}, 120_000);
afterAll(() => database.destroy());

describe('transaction query plans on a 200 000-row ledger', () => {
  it('serves the first date_desc page of transactions.list from an index, without a sort', async () => {
    const input = listInput({});
    const [query] = await capture((db) => list({ ...owner, db }, input));
    if (query === undefined) throw new Error('no query captured');
    const explained = await explain(query);
    report('first page, date_desc', explained);

    expectIndexOnly(explained);
    expect(nodesOf(explained.plan).map((node) => node['Node Type'])).not.toContain('Sort');
  });

  it.each(sorts)(
    'serves a %s page 150 000 rows deep as fast as the first: the cursor seeks the index',
    async (sort) => {
      const deepRow = await inOrder(sort, rowsQuery().select(transactionColumns))
        .offset(DEEP_OFFSET - 1)
        .limit(1)
        .executeTakeFirstOrThrow();
      const input = listInput({ sort, cursor: encodeCursor(sort, deepRow) });
      const [query] = await capture((db) => list({ ...owner, db }, input));
      if (query === undefined) throw new Error('no query captured');
      const explained = await explain(query);
      report(`deep page, ${sort} (cursor after row ${DEEP_OFFSET})`, explained);

      expectIndexOnly(explained);
      expect(nodesOf(explained.plan).map((node) => node['Node Type'])).not.toContain('Sort');
      // The index seeks straight to the cursor: no node reads the 150 000 rows before it.
      for (const node of nodesOf(explained.plan))
        expect(node['Actual Rows']).toBeLessThanOrEqual(21);

      const page = await list(owner, input);
      const expected = await inOrder(sort, rowsQuery().select('transactions.id'))
        .offset(DEEP_OFFSET)
        .limit(20)
        .execute();
      expect(page.items.map((item) => item.id)).toEqual(expected.map((row) => row.id));
    },
  );

  it('filters one month by from/to through an index range, not a table scan', async () => {
    const input = listInput({ from: '2024-03-01', to: '2024-03-31' });
    const [query] = await capture((db) => list({ ...owner, db }, input));
    if (query === undefined) throw new Error('no query captured');
    const explained = await explain(query);
    report('one month, from/to', explained);

    expectIndexOnly(explained);
    const page = await list(owner, input);
    expect(page.items).toHaveLength(20);
    for (const item of page.items) expect(item.occurredOn.startsWith('2024-03-')).toBe(true);
  });

  it('finds a rare payee by search through the trigram index, ', async () => {
    const input = listInput({ search: 'zanzibar', limit: 100 });
    const [query] = await capture((db) => list({ ...owner, db }, input));
    if (query === undefined) throw new Error('no query captured');
    const explained = await explain(query);
    report('search "zanzibar"', explained);

    expectIndexOnly(explained);
    expect(nodesOf(explained.plan).map((node) => node['Index Name'])).toContain(
      'transactions_search_trgm_idx',
    );
    const page = await list(owner, input);
    expect(page.items).toHaveLength(LEDGER_ROWS / 5_000);
  });

  it('counts a transactions.page total without reading the whole ledger: the count stops at 10 001', async () => {
    const input = pageTransactionsInput.parse({ page: 500 });
    const queries = await capture((db) => pageOf({ ...owner, db }, input));
    // The rows and the capped count come in one statement.
    expect(queries).toHaveLength(1);
    const [pageQuery] = await Promise.all(queries.map((query) => explain(query)));
    if (pageQuery === undefined) throw new Error('query missing');
    report('transactions.page 500 × 20, rows and capped count', pageQuery);

    // Each scan of the ledger (the page's rows, the capped count) reads a small part of it.
    const scans = nodesOf(pageQuery.plan).filter(
      (node) => node['Relation Name'] === 'transactions',
    );
    expect(scans.length).toBeGreaterThan(0);
    for (const scan of scans) {
      expect(scan['Actual Rows'] + (scan['Rows Removed by Filter'] ?? 0)).toBeLessThan(
        LEDGER_ROWS / 10,
      );
    }
    const page = await pageOf(owner, input);
    expect(page).toMatchObject({ totalItems: 10_001, totalIsExact: false, totalPages: 500 });
    expect(page.items).toHaveLength(20);
  });

  it('walks the CSV export by the index: its second page reads only its own 1 000 rows', async () => {
    const queries = await capture(async (db) => {
      let pages = 0;
      // The header, then one chunk per page of 1 000 rows; stopping early ends the export.
      for await (const _chunk of exportTransactionsCsv({ ...ownerActor, db }, {})) {
        pages += 1;
        if (pages > 2) break;
      }
    });
    // The names of accounts and categories, then the two pages.
    expect(queries).toHaveLength(4);
    const second = queries.at(-1);
    if (second === undefined) throw new Error('no query captured');
    const explained = await explain(second);
    report('export, second page', explained);

    expectIndexOnly(explained);
    const read = nodesOf(explained.plan)
      .filter((node) => node['Relation Name'] === 'transactions')
      .reduce(
        (total, node) => total + node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0),
        0,
      );
    // Filtering `date > d or (date = d and id > x)` instead would read the first page's rows again
    // (and every page before it, on later pages).
    expect(read).toBeLessThanOrEqual(1_000);
  });
});
