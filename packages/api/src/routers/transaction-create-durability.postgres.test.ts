import { createDb } from '@budget/db';
import { sql, type CompiledQuery } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { insertEntry } from '../services/ledger/insert-entry.ts';
import { useTestApi } from '../testing/index.ts';
import { signUpWithAccounts } from '../testing/ledger-user.ts';

// transactions.create commits asynchronously (its account lock then skips the fsync) and answers
// only after a synchronous commit has flushed the WAL past it (commit-barrier.ts).

const api = useTestApi();

const lsnRow = z.object({ lsn: z.string() });
const commitRow = z.object({ endLsn: z.string() });

async function walInsertPosition(): Promise<string> {
  const { rows } = await sql`select pg_current_wal_insert_lsn()::text as lsn`.execute(api.deps.db);
  return lsnRow.parse(rows[0]).lsn;
}

/** The WAL commit records, flushed by `flushedAt`, of the transaction that wrote the row. */
async function flushedCommitsOf(id: string, since: string, flushedAt: string) {
  const { rows } = await sql`
    select end_lsn::text as end_lsn
    from pg_get_wal_records_info(${since}::pg_lsn, ${flushedAt}::pg_lsn)
    where resource_manager = 'Transaction' and record_type like 'COMMIT%'
      and end_lsn <= ${flushedAt}::pg_lsn
      and xid = (select xmin::text::xid from transactions where id = ${id})`.execute(api.deps.db);
  return z.array(commitRow).parse(rows);
}

describe('transactions.create durability', () => {
  beforeAll(async () => {
    await sql`create extension if not exists pg_walinspect`.execute(api.deps.db);
  });

  it('answers only once its commit is flushed to disk, though it committed asynchronously', async () => {
    const { caller, checking, category } = await signUpWithAccounts(api.deps);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const since = await walInsertPosition();
      const created = await caller.transactions.create({
        accountId: checking.id,
        categoryId: category.id,
        amount: -100 - attempt,
        occurredOn: '2026-11-01',
      });
      const { rows } = await sql`select pg_current_wal_flush_lsn()::text as lsn`.execute(
        api.deps.db,
      );
      const flushedAt = lsnRow.parse(rows[0]).lsn;
      expect(await flushedCommitsOf(created.id, since, flushedAt)).toHaveLength(1);
    }
  });

  it('follows the asynchronous commit with a synchronous write before it answers', async () => {
    const { checking, session } = await signUpWithAccounts(api.deps);
    const executed: CompiledQuery[] = [];
    const db = createDb({
      ...api.testDb.config,
      log: (event) => {
        if (event.level === 'query') executed.push(event.query);
      },
    });
    try {
      await insertEntry(
        { db, userId: session.user.id, session: null },
        {
          accountId: checking.id,
          categoryId: null,
          amount: 7,
          occurredOn: '2026-11-03',
          payee: null,
          note: null,
        },
      );
    } finally {
      await db.destroy();
    }
    expect(executed.map((query) => query.sql)).toEqual([
      expect.stringContaining(`set_config('synchronous_commit', 'off', true)`),
      expect.stringMatching(/^insert into "commit_barriers"/),
    ]);
  });
});
