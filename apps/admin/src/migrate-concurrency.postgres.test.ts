import { getMigrationStatus } from '@budget/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase, runAdmin, type MigrateJson, type Target } from './testing/run-admin.ts';

describe('budget-admin migrate on PostgreSQL', () => {
  let target: Target;

  beforeAll(async () => {
    target = await emptyDatabase();
  });
  afterAll(() => target.cleanup());

  it('is safe from several instances at once: each migration is applied exactly once', async () => {
    const runs = await Promise.all([
      runAdmin(['migrate', '--json'], target.env),
      runAdmin(['migrate', '--json'], target.env),
    ]);

    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '' });
    const applied = runs.flatMap((run) => (JSON.parse(run.stdout) as MigrateJson).applied);
    const state = await target.inspect(getMigrationStatus);
    expect(applied.toSorted()).toEqual(state.map((migration) => migration.name).toSorted());
    expect(state.every((migration) => migration.executedAt !== null)).toBe(true);
  });
});
