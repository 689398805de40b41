import type { CsvMapping, CurrencySummary, ImportResult } from '@budget/api';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpUserWithAccount, type HttpUser } from './testing/http-user.ts';
import { useTestServer } from './testing/index.ts';

const server = useTestServer();

const OPENING = 50_000;
const mapping: CsvMapping = {
  delimiter: ',',
  hasHeader: true,
  date: { column: 'date', format: 'YYYY-MM-DD' },
  amount: { column: 'amount' },
  decimalSeparator: '.',
  payee: 'payee',
};

interface Row {
  date: string;
  cents: number;
  payee: string;
}

/** Rows `from`..`to` of one long statement; every seventh row has an identical twin. */
function statementRows(from: number, to: number): Row[] {
  const rows: Row[] = [];
  for (let index = from; index <= to; index += 1) {
    const row = {
      date: `2025-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
      cents: index % 5 === 0 ? 100_000 + index : -(index * 37 + 1),
      payee: `Payee ${index % 40}`,
    };
    rows.push(row);
    if (index % 7 === 0) rows.push({ ...row });
  }
  return rows;
}

function csvOf(rows: readonly Row[]): string {
  const amount = (cents: number) =>
    `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`;
  return [
    'date,amount,payee',
    ...rows.map((row) => `${row.date},${amount(row.cents)},${row.payee}`),
  ].join('\n');
}

/** Two instances on one database, each listening on a real port, as behind a load balancer. */
let baseUrls: string[];
beforeAll(async () => {
  const sibling = await server.startSibling();
  baseUrls = [];
  for (const app of [server.app, sibling] as FastifyInstance[]) {
    baseUrls.push(await app.listen({ host: '127.0.0.1', port: 0 }));
  }
});

async function commitOver(baseUrl: string, user: HttpUser, body: object): Promise<Response> {
  return fetch(`${baseUrl}/trpc/imports.commit`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** `count` commits of each body, all sent at once, spread over both instances. */
async function commitAtOnce(user: HttpUser, bodies: object[], count: number) {
  const calls = bodies.flatMap((body) => Array.from({ length: count }, () => body));
  const responses = await Promise.all(
    calls.map((body, index) => commitOver(baseUrls[index % baseUrls.length] ?? '', user, body)),
  );
  const texts = await Promise.all(responses.map((response) => response.text()));
  responses.forEach((response, index) => {
    expect(response.status, texts[index]).toBe(200);
  });
  return texts.map((text) => (JSON.parse(text) as { result: { data: ImportResult } }).result.data);
}

/** What the database holds for the account: rows, distinct fingerprints, sum, stored balance. */
async function stored(ownerId: string, accountId: string) {
  const { db } = server.deps;
  const totals = await db
    .selectFrom('transactions')
    .select([
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(distinct import_key)::int`.as('keys'),
      sql<string>`coalesce(sum(amount), 0)::text`.as('sum'),
    ])
    .where('ownerId', '=', ownerId)
    .where('accountId', '=', accountId)
    .executeTakeFirstOrThrow();
  const account = await db
    .selectFrom('accounts')
    .select(['balance', 'openingBalance'])
    .where('ownerId', '=', ownerId)
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  const imports = await db
    .selectFrom('imports')
    .select(['imported'])
    .where('ownerId', '=', ownerId)
    .execute();
  return {
    rows: totals.rows,
    keys: totals.keys,
    sum: Number(totals.sum),
    balance: account.balance,
    opening: account.openingBalance,
    importRecords: imports.map((row) => row.imported),
  };
}

async function summaryOf(user: HttpUser) {
  return user.query<CurrencySummary[]>('reports.summary', { from: '2025-01-01', to: '2025-12-31' });
}

const sumOf = (rows: readonly Row[]) => rows.reduce((total, row) => total + row.cents, 0);
const incomeOf = (rows: readonly Row[]) =>
  rows.filter((row) => row.cents > 0).reduce((total, row) => total + row.cents, 0);

describe('imports.commit at the same moment on PostgreSQL, over two instances', () => {
  it('eight commits of the same file write each row exactly once', async () => {
    const user = await httpUserWithAccount(server.app, 'import-race', { openingBalance: OPENING });
    const rows = statementRows(1, 400);
    const body = { accountId: user.accountId, csv: csvOf(rows), mapping };

    const results = await commitAtOnce(user, [body], 8);

    expect(results.map((result) => result.imported + result.duplicates)).toEqual(
      results.map(() => rows.length),
    );
    expect(results.reduce((total, result) => total + result.imported, 0)).toBe(rows.length);
    expect(results.filter((result) => result.importId !== null)).toHaveLength(1);
    const after = await stored(user.userId, user.accountId);
    expect(after).toEqual({
      rows: rows.length,
      keys: rows.length,
      sum: sumOf(rows),
      balance: OPENING + sumOf(rows),
      opening: OPENING,
      importRecords: [rows.length],
    });
    const [usd] = await summaryOf(user);
    expect(usd).toMatchObject({ income: incomeOf(rows), net: sumOf(rows) });
  });

  it('two overlapping statements sent at once, four times each, leave their union once', async () => {
    const user = await httpUserWithAccount(server.app, 'import-overlap', {
      openingBalance: OPENING,
    });
    const first = statementRows(1, 250);
    const second = statementRows(151, 400);
    const union = statementRows(1, 400);

    const results = await commitAtOnce(
      user,
      [
        { accountId: user.accountId, csv: csvOf(first), mapping },
        { accountId: user.accountId, csv: csvOf(second), mapping },
      ],
      4,
    );

    expect(results.reduce((total, result) => total + result.imported, 0)).toBe(union.length);
    const after = await stored(user.userId, user.accountId);
    expect(after).toMatchObject({
      rows: union.length,
      keys: union.length,
      sum: sumOf(union),
      balance: OPENING + sumOf(union),
    });
    expect(after.importRecords.reduce((total, count) => total + count, 0)).toBe(union.length);
    const [usd] = await summaryOf(user);
    expect(usd).toMatchObject({ income: incomeOf(union), net: sumOf(union) });

    // Undoing every import at once, on both instances, puts the opening balance back.
    const { db } = server.deps;
    const importIds = await db
      .selectFrom('imports')
      .select('id')
      .where('ownerId', '=', user.userId)
      .execute();
    const undone = await Promise.all(
      importIds.map(async ({ id }, index) => {
        const response = await fetch(`${baseUrls[index % 2] ?? ''}/trpc/imports.undo`, {
          method: 'POST',
          headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ importId: id }),
        });
        return (await response.json()) as { result: { data: { removed: number } } };
      }),
    );
    expect(undone.reduce((total, body) => total + body.result.data.removed, 0)).toBe(union.length);
    expect(await stored(user.userId, user.accountId)).toEqual({
      rows: 0,
      keys: 0,
      sum: 0,
      balance: OPENING,
      opening: OPENING,
      importRecords: [],
    });
    for (const currency of await summaryOf(user)) {
      expect(currency).toEqual({ currency: 'USD', income: 0, expense: 0, net: 0, byCategory: [] });
    }
  });

  it('concurrent commits with one idempotencyKey all answer the first result', async () => {
    const user = await httpUserWithAccount(server.app, 'import-idem', { openingBalance: OPENING });
    const rows = statementRows(1, 120);
    const body = {
      accountId: user.accountId,
      csv: csvOf(rows),
      mapping,
      idempotencyKey: 'statement-2025',
    };
    const results = await commitAtOnce(user, [body], 6);
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(results[0]).toMatchObject({ imported: rows.length, duplicates: 0 });
    expect(await stored(user.userId, user.accountId)).toMatchObject({
      rows: rows.length,
      balance: OPENING + sumOf(rows),
    });
  });
});
