import { createQueryId, type Compilable, type CompiledQuery } from 'kysely';
import type { Db, Trx } from './create-db.ts';

/** Shapes kept per kind of query; past that, new shapes compile on every call, as before. */
const MAX_SHAPES = 500;

/** Stands in a query's SQL for a value bound on each run. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query's placeholders, one per value. Typed as the values themselves so the query builder
 * takes them, but each is a placeholder: it may only go into the SQL as a value (compared,
 * selected, inserted). Code that looks at it (a branch, a string built from it) sees the
 * placeholder, not the value; whatever changes the SQL's text belongs in the shape instead.
 */
export type Slots<Values> = { readonly [Name in keyof Values]: Values[Name] };

const slotsByName = new Map<string, Slot>();

function slotNamed(name: string): Slot {
  let slot = slotsByName.get(name);
  if (slot === undefined) {
    slot = new Slot(name);
    slotsByName.set(name, slot);
  }
  return slot;
}

const slots: object = new Proxy(
  {},
  { get: (_target, name) => (typeof name === 'string' ? slotNamed(name) : undefined) },
);

/**
 * Queries of one kind built and compiled once per shape, then run with fresh values: a hot
 * query skips Kysely's builder, plugins and compiler on every later call. `shape` names
 * everything that changes the SQL (which filters are present, the sort); `build` (called for a
 * new shape only) puts the placeholders it is given where `values` go. Every database of the app
 * compiles to the same SQL (one dialect, the CamelCasePlugin), so the first handle compiles for
 * all.
 */
export class PrecompiledQueries<Values extends object, Row> {
  readonly #compiled = new Map<string, CompiledQuery<Row>>();

  async execute(
    db: Db | Trx,
    shape: string,
    values: Values,
    build: (slots: Slots<Values>) => Compilable<Row>,
  ): Promise<Row[]> {
    let compiled = this.#compiled.get(shape);
    if (compiled === undefined) {
      compiled = build(slots as Slots<Values>).compile();
      if (this.#compiled.size < MAX_SHAPES) this.#compiled.set(shape, compiled);
    }
    const bound = values as Record<string, unknown>;
    const parameters = compiled.parameters.map((parameter) =>
      parameter instanceof Slot ? bound[parameter.name] : parameter,
    );
    // Each run is its own query to Kysely's plugins, which may keep state per query id.
    const result = await db.executeQuery<Row>({
      ...compiled,
      parameters,
      queryId: createQueryId(),
    });
    return result.rows;
  }
}
