import { PRUNE_LOCK_ID } from '@budget/api/admin';
import { createTestDeps, signUp } from '@budget/api/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, migratedDatabase, runAdmin, type Target } from './testing/run-admin.ts';

describe('budget-admin tokens:prune on PostgreSQL', () => {
  let target: Target;

  beforeAll(async () => {
    target = await migratedDatabase();
    await target.inspect(async (db) => {
      const { session } = await signUp(createTestDeps(db), 'prune-lock');
      await db
        .updateTable('refreshTokens')
        .set({ expiresAt: new Date(Date.now() - 60_000) })
        .where('ownerId', '=', session.user.id)
        .execute();
    });
  });
  afterAll(() => target.cleanup());

  it('runs once: while another instance holds the advisory lock it skips, exit 0', async () => {
    const [json, text] = await target.inspect((db) =>
      db.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(${sql.lit(PRUNE_LOCK_ID)})`.execute(connection);
        try {
          return await Promise.all([
            runAdmin(['tokens:prune', '--json'], target.env),
            runAdmin(['tokens:prune'], target.env),
          ]);
        } finally {
          await sql`select pg_advisory_unlock(${sql.lit(PRUNE_LOCK_ID)})`.execute(connection);
        }
      }),
    );

    expect(jsonOf(json)).toEqual({ ran: false });
    expect(text).toMatchObject({
      code: 0,
      stdout: 'Skipped: another tokens:prune is running (it holds the advisory lock).\n',
    });

    // The lock released, the expired token goes.
    const run = await runAdmin(['tokens:prune', '--json'], target.env);
    expect(jsonOf(run)).toMatchObject({ ran: true, deleted: { refreshTokens: 1 } });
  });
});
