import type { DatabaseConnection, Driver, QueryCompiler, TransactionSettings } from 'kysely';

type CompileQuery = QueryCompiler['compileQuery'];

/**
 * PGlite is one connection. Kysely's PGlite driver hands that connection to every caller, so two
 * concurrent transactions would interleave on it. This wrapper lends the connection to one caller
 * at a time (a query, or a whole transaction) and queues the rest.
 */
export class SerializedDriver implements Driver {
  readonly #inner: Required<Driver>;
  #tail: Promise<void> = Promise.resolve();
  readonly #releases = new Map<DatabaseConnection, () => void>();

  readonly #afterDestroy: () => void;

  /** `afterDestroy` runs once the inner driver is closed (or failed to close). */
  constructor(inner: Required<Driver>, afterDestroy: () => void = () => undefined) {
    this.#inner = inner;
    this.#afterDestroy = afterDestroy;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release: () => void = () => undefined;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    await previous;
    const connection = await this.#inner.acquireConnection();
    this.#releases.set(connection, release);
    return connection;
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await this.#inner.releaseConnection(connection);
    const release = this.#releases.get(connection);
    this.#releases.delete(connection);
    release?.();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  savepoint(connection: DatabaseConnection, name: string, compile: CompileQuery): Promise<void> {
    return this.#inner.savepoint(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: CompileQuery,
  ): Promise<void> {
    return this.#inner.rollbackToSavepoint(connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: CompileQuery,
  ): Promise<void> {
    return this.#inner.releaseSavepoint(connection, name, compile);
  }

  async destroy(): Promise<void> {
    try {
      await this.#inner.destroy();
    } finally {
      this.#afterDestroy();
    }
  }
}
