import { createTestDeps, signUpWithLedger } from '@budget/api/testing';
import { createTestDatabase, type TestDatabase } from '@budget/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from './build-server.ts';

let testDb: TestDatabase;
let app: FastifyInstance;
let deps: ReturnType<typeof createTestDeps>;
beforeAll(async () => {
  testDb = await createTestDatabase();
  deps = createTestDeps(testDb.db);
  app = await buildServer({ deps, corsOrigins: [], secureCookies: false });
});
afterAll(async () => {
  await app.close();
  await testDb.destroy();
});

const exportCsv = (token: string | undefined, query = '') =>
  app.inject({
    method: 'GET',
    url: `/export/transactions.csv${query}`,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

describe('GET /export/transactions.csv', () => {
  it('exports RFC 4180 rows with decimals in the minor unit and formula cells neutralised', async () => {
    const { caller, session, checking, food } = await signUpWithLedger(deps, 'export');
    const yen = await caller.accounts.create({ name: 'Yen', type: 'cash', currency: 'JPY' });
    const dinar = await caller.accounts.create({ name: '=Dinar', type: 'cash', currency: 'BHD' });
    await caller.transactions.create({
      accountId: checking.id,
      categoryId: food.id,
      amount: -123_456,
      occurredOn: '2025-01-02',
      payee: '=HYPERLINK("http://evil")',
      note: 'line one\nline "two", ok',
    });
    await caller.transactions.create({
      accountId: yen.id,
      amount: 5_000,
      occurredOn: '2025-01-03',
      payee: '+1',
    });
    await caller.transactions.create({
      accountId: dinar.id,
      amount: -5,
      occurredOn: '2025-01-04',
      payee: '@x',
    });
    const response = await exportCsv(session.accessToken);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.body).toBe(
      'date,account,category,payee,note,amount,currency,kind\r\n' +
        `2025-01-02,Checking,Food,"'=HYPERLINK(""http://evil"")","line one\nline ""two"", ok",-1234.56,USD,expense\r\n` +
        "2025-01-03,Yen,,'+1,,5000,JPY,income\r\n" +
        "2025-01-04,'=Dinar,,'@x,,-0.005,BHD,expense\r\n",
    );
    const filtered = await exportCsv(
      session.accessToken,
      `?accountId=${yen.id}&from=2025-01-01&to=2025-01-31`,
    );
    expect(filtered.body.split('\r\n').filter(Boolean)).toHaveLength(2);
  });

  it("never includes another user's rows, also when given their account id", async () => {
    const owner = await signUpWithLedger(deps, 'export-owner');
    const other = await signUpWithLedger(deps, 'export-other');
    await owner.caller.transactions.create({
      accountId: owner.checking.id,
      amount: -1,
      occurredOn: '2025-02-01',
    });
    const mine = await exportCsv(other.session.accessToken);
    expect(mine.body).toBe('date,account,category,payee,note,amount,currency,kind\r\n');
    const theirs = await exportCsv(other.session.accessToken, `?accountId=${owner.checking.id}`);
    expect(theirs.body).toBe('date,account,category,payee,note,amount,currency,kind\r\n');
  });

  it('streams a long ledger across keyset pages, every row once and in order', async () => {
    const { session, checking } = await signUpWithLedger(deps, 'export-long');
    const values = Array.from({ length: 2_500 }, (_, index) => ({
      ownerId: session.user.id,
      accountId: checking.id,
      currency: 'USD',
      amount: index + 1,
      occurredOn: `2024-${String((index % 12) + 1).padStart(2, '0')}-01`,
    }));
    await testDb.db.insertInto('transactions').values(values).execute();
    const response = await exportCsv(session.accessToken);
    const lines = response.body.split('\r\n').filter(Boolean).slice(1);
    expect(lines).toHaveLength(2_500);
    const dates = lines.map((entry) => entry.slice(0, 10));
    expect(dates).toEqual([...dates].sort());
    expect(new Set(lines.map((entry) => entry.split(',')[5])).size).toBe(2_500);
  });

  it('refuses a missing or bad token with 401 and a bad query with 400, in the JSON envelope', async () => {
    const { session } = await signUpWithLedger(deps, 'export-bad');
    const anonymous = await exportCsv(undefined);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });
    expect((await exportCsv('not-a-token')).statusCode).toBe(401);
    for (const query of [
      '?from=2025-02-30',
      '?accountId=nope',
      '?from=2025-03-01&to=2025-02-01',
      '?extra=1',
    ]) {
      const response = await exportCsv(session.accessToken, query);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { data: { code: 'BAD_REQUEST' } } });
    }
  });
});
