import { sql } from 'kysely';
import type { Db } from './create-db.ts';
import { PrecompiledQueries } from './precompiled-queries.ts';

/** Connection slots of `commit_barriers`: two connections share a row only by chance. */
const SLOTS = 1024;

/**
 * True, and makes the single-statement transaction that evaluates it commit without waiting for
 * its WAL to reach disk. For a write that holds a hot row lock (an account's balance): the lock
 * then lasts the statement, not the statement plus an fsync, and writers to one row stop queueing
 * one fsync each. Whoever runs such a statement must not acknowledge it before
 * `awaitDurableCommits` returns.
 */
export const commitsAsynchronously = sql<boolean>`(set_config('synchronous_commit', 'off', true) = 'off')`;

/**
 * Returns once every transaction committed before the call is on disk. It commits a small write
 * synchronously; the WAL is flushed in order, so that flush covers every earlier commit (and
 * concurrent callers share fsyncs, as group commit does). A crash before it returns may lose an
 * asynchronous commit that other sessions could already read, but never one acknowledged after
 * this call.
 */
export async function awaitDurableCommits(db: Db): Promise<void> {
  await barrier.execute(db, '', {}, () =>
    db
      .insertInto('commitBarriers')
      .values({ slot: sql<number>`pg_backend_pid() % ${sql.lit(SLOTS)}` })
      .onConflict((conflict) =>
        conflict.column('slot').doUpdateSet({ commits: sql`commit_barriers.commits + 1` }),
      ),
  );
}

const barrier = new PrecompiledQueries<object, unknown>();
