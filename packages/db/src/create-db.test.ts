import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDatabase, getMigrationStatus } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('createDb', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.destroy());

  it('applies every migration and reports the database ready', async () => {
    const status = await getMigrationStatus(testDb.db);
    expect(status.length).toBeGreaterThan(0);
    expect(status.every((migration) => migration.executedAt instanceof Date)).toBe(true);
    expect(await checkDatabase(testDb.db)).toBe('ready');
  });

  it('returns bigint columns as exact JS numbers', async () => {
    const { rows } = await sql<{ n: number }>`select 1000000000000::bigint as n`.execute(testDb.db);
    expect(rows[0]?.n).toBe(1_000_000_000_000);
  });

  it('returns calendar dates as YYYY-MM-DD text', async () => {
    const { rows } = await sql<{ d: string }>`select date '2024-02-29' as d`.execute(testDb.db);
    expect(rows[0]?.d).toBe('2024-02-29');
  });

  it('has the trigram index for transaction search', async () => {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where indexname = 'transactions_search_trgm_idx'`.execute(
      testDb.db,
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses a bigint that a JS number cannot hold exactly', async () => {
    await expect(sql`select 9007199254740993::bigint as n`.execute(testDb.db)).rejects.toThrow(
      /safe integer/,
    );
  });

  it('runs concurrent transactions without interleaving them', async () => {
    await sql`create table if not exists tx_counter (n int not null)`.execute(testDb.db);
    await sql`insert into tx_counter values (0)`.execute(testDb.db);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        testDb.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ n: number }>`select n from tx_counter for update`.execute(
            trx,
          );
          await sql`update tx_counter set n = ${(rows[0]?.n ?? 0) + 1}`.execute(trx);
        }),
      ),
    );
    const { rows } = await sql<{ n: number }>`select n from tx_counter`.execute(testDb.db);
    expect(rows[0]?.n).toBe(20);
  });
});
