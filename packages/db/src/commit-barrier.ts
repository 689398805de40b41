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
 * Returns once every transaction committed before the call is on disk. A barrier commits a small
 * write synchronously; the WAL is flushed in order, so its flush covers every earlier commit.
 * Barriers on one database handle run one at a time, and every caller that arrives while one runs
 * shares the next: under load a barrier serves many writes. A crash before it returns may lose an
 * asynchronous commit that other sessions could already read, but never one acknowledged after
 * this call.
 */
export function awaitDurableCommits(db: Db): Promise<void> {
  let barriers = barriersByDb.get(db);
  if (barriers === undefined) {
    barriers = new SharedBarriers(db);
    barriersByDb.set(db, barriers);
  }
  return barriers.next();
}

class SharedBarriers {
  readonly #db: Db;
  #running: Promise<void> = Promise.resolve();
  /** The barrier that starts once the running one ends; callers arriving now join it. */
  #waiting: Promise<void> | null = null;

  constructor(db: Db) {
    this.#db = db;
  }

  next(): Promise<void> {
    if (this.#waiting !== null) return this.#waiting;
    const waiting = this.#running.then(
      () => this.#start(),
      () => this.#start(),
    );
    this.#waiting = waiting;
    this.#running = waiting;
    return waiting;
  }

  async #start(): Promise<void> {
    // From here on, a new caller's commit may be later than this barrier: it waits for the next.
    this.#waiting = null;
    await barrier.execute(this.#db, '', {}, () =>
      this.#db
        .insertInto('commitBarriers')
        .values({ slot: sql<number>`pg_backend_pid() % ${sql.lit(SLOTS)}` })
        .onConflict((conflict) =>
          conflict.column('slot').doUpdateSet({ commits: sql`commit_barriers.commits + 1` }),
        ),
    );
  }
}

const barriersByDb = new WeakMap<Db, SharedBarriers>();
const barrier = new PrecompiledQueries<object, unknown>();
