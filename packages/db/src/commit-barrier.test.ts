import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitDurableCommits } from './commit-barrier.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

describe('awaitDurableCommits', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
  });
  afterAll(() => testDb.destroy());

  const barriersSoFar = async () => {
    const rows = await testDb.db.selectFrom('commitBarriers').select('commits').execute();
    return rows.reduce((sum, row) => sum + row.commits, 0);
  };

  it('lets callers that arrive together share one synchronous commit', async () => {
    await Promise.all(Array.from({ length: 40 }, () => awaitDurableCommits(testDb.db)));
    expect(await barriersSoFar()).toBe(1);
  });

  it('runs a new barrier for a caller that arrives while one is running', async () => {
    const before = await barriersSoFar();
    const first = awaitDurableCommits(testDb.db);
    // The first barrier has started: a commit from now on may be later than it.
    await Promise.resolve();
    await Promise.resolve();
    const second = awaitDurableCommits(testDb.db);
    const third = awaitDurableCommits(testDb.db);
    await Promise.all([first, second, third]);
    expect((await barriersSoFar()) - before).toBe(2);
  });
});
