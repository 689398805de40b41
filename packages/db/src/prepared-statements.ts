import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Distinct query shapes prepared at most; past that, new shapes run unnamed as before. */
const MAX_STATEMENTS = 1_000;
/**
 * Bulk statements (long IN lists, multi-row inserts) stay unnamed: each is planned for its own
 * values, which a generic plan for thousands of parameters serves badly (re-importing 20 000 rows
 * took 10 s instead of 0.75 s), and their shapes vary too much to be worth keeping.
 */
const MAX_PARAMETERS = 64;

/**
 * Names each parameterised SQL text once, process-wide; pg then prepares it once per connection
 * and later calls skip PostgreSQL's parse step. A text without parameters runs as before (the
 * simple protocol, which also takes several statements, as migrations send), and so does a
 * statement with more than MAX_PARAMETERS.
 */
class StatementNames {
  readonly #names = new Map<string, string>();

  nameOf(text: string): string | undefined {
    let name = this.#names.get(text);
    if (name === undefined && this.#names.size < MAX_STATEMENTS) {
      name = `budget_${this.#names.size}`;
      this.#names.set(text, name);
    }
    return name;
  }
}

class PreparingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  readonly #names: StatementNames;

  constructor(client: pg.PoolClient, names: StatementNames) {
    this.#client = client;
    this.#names = names;
  }

  get processID(): number | undefined {
    return (this.#client as { processID?: number }).processID;
  }

  query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters: readonly unknown[] = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof sqlOrCursor !== 'string') {
      return this.#client.query(
        sqlOrCursor as unknown as pg.Submittable,
      ) as unknown as PostgresCursor<R>;
    }
    const prepare = parameters.length > 0 && parameters.length <= MAX_PARAMETERS;
    const name = prepare ? this.#names.nameOf(sqlOrCursor) : undefined;
    return this.#client.query({
      text: sqlOrCursor,
      values: [...parameters],
      ...(name === undefined ? {} : { name }),
    }) as unknown as Promise<PostgresQueryResult<R>>;
  }

  release(destroy?: boolean): void {
    this.#client.release(destroy);
  }
}

/** A pg Pool for Kysely's PostgresDialect whose queries run as prepared statements. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new StatementNames();
  return {
    options: pool.options,
    connect: async () => new PreparingClient(await pool.connect(), names),
    end: () => pool.end(),
  };
}
