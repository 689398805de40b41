import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrecompiledQueries } from './precompiled-queries.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('PrecompiledQueries', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await testDb.db
      .insertInto('commitBarriers')
      .values([1, 2, 3, 4, 5].map((slot) => ({ slot, commits: slot * 10 })))
      .execute();
  });
  afterAll(() => testDb.destroy());

  interface Range {
    from: number;
    to: number;
  }
  const queries = new PrecompiledQueries<Range, { slot: number }>();
  let builds = 0;
  const slotsBetween = (range: Range, descending: boolean) =>
    queries.execute(testDb.db, `range|${String(descending)}`, range, (slots) => {
      builds += 1;
      return testDb.db
        .selectFrom('commitBarriers')
        .select('slot')
        .where('slot', '>=', slots.from)
        .where('commits', '<=', sql<number>`${slots.to} * 10`)
        .orderBy('slot', descending ? 'desc' : 'asc');
    });

  it('binds each call its own values, building a shape once', async () => {
    expect(await slotsBetween({ from: 2, to: 4 }, false)).toEqual([
      { slot: 2 },
      { slot: 3 },
      { slot: 4 },
    ]);
    expect(await slotsBetween({ from: 4, to: 5 }, false)).toEqual([{ slot: 4 }, { slot: 5 }]);
    expect(await slotsBetween({ from: 1, to: 2 }, true)).toEqual([{ slot: 2 }, { slot: 1 }]);
    expect(await slotsBetween({ from: 3, to: 3 }, true)).toEqual([{ slot: 3 }]);
    expect(builds).toBe(2);
  });

  it('runs calls of one shape at once, each with its values', async () => {
    const ranges = [1, 2, 3, 4, 5].map((from) => ({ from, to: 5 }));
    const results = await Promise.all(ranges.map((range) => slotsBetween(range, false)));
    expect(results.map((rows) => rows.length)).toEqual([5, 4, 3, 2, 1]);
  });

  it('keeps answering right past the number of shapes it keeps', async () => {
    const many = new PrecompiledQueries<{ slot: number }, { commits: number }>();
    for (let shape = 0; shape < 520; shape += 1) {
      const slot = (shape % 5) + 1;
      const rows = await many.execute(testDb.db, String(shape), { slot }, (slots) =>
        testDb.db
          .selectFrom('commitBarriers')
          .select('commits')
          .where('slot', '=', slots.slot)
          .where(sql<boolean>`${sql.lit(shape)} >= 0`),
      );
      expect(rows).toEqual([{ commits: slot * 10 }]);
    }
  });
});
