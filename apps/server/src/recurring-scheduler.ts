import type { Logger } from '@budget/api';
import { RECURRING_LOCK_ID, runDueRecurring } from '@budget/api/admin';
import type { Db } from '@budget/db';
import { sql } from 'kysely';

export interface RecurringSchedulerOptions {
  db: Db;
  log: Logger;
  /**
   * PostgreSQL: each run first takes pg_try_advisory_lock on a connection of its own, so among
   * several instances one runs at a time. PGlite serves one process and has a single connection
   * to share: there it simply runs.
   */
  useAdvisoryLock: boolean;
  /** Time between the end of one run and the start of the next; default a minute. */
  intervalMs?: number;
}

export interface RecurringScheduler {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/** Writes due recurring entries now and then every interval until stopped. */
export function startRecurringScheduler(options: RecurringSchedulerOptions): RecurringScheduler {
  const { db, log } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runOnce = async (): Promise<void> => {
    const operator = { db, log };
    if (!options.useAdvisoryLock) {
      report(await runDueRecurring(operator));
      return;
    }
    await db.connection().execute(async (connection) => {
      const lock = await sql<{
        locked: boolean;
      }>`select pg_try_advisory_lock(${sql.lit(RECURRING_LOCK_ID)}) as locked`.execute(connection);
      if (lock.rows[0]?.locked !== true) return;
      try {
        report(await runDueRecurring(operator));
      } finally {
        await sql`select pg_advisory_unlock(${sql.lit(RECURRING_LOCK_ID)})`.execute(connection);
      }
    });
  };

  const report = (result: Awaited<ReturnType<typeof runDueRecurring>>) => {
    if (result.occurrences > 0 || result.failed > 0) log.info(result, 'recurring entries written');
  };

  const tick = () => {
    running = runOnce()
      .catch((error: unknown) => {
        log.error({ err: error }, 'recurring run failed');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs).unref();
      });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
