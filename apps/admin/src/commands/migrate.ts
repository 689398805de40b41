import { migrateToLatest } from '@budget/db';
import type { AdminCommand } from '../command.ts';
import { describeError } from '../errors.ts';

export const migrate: AdminCommand = {
  name: 'migrate',
  summary: 'apply every pending migration (safe from several instances at once)',
  async run({ operator }) {
    const { error, results = [] } = await migrateToLatest(operator.db);
    if (error !== undefined) {
      const failed = results.find((result) => result.status === 'Error');
      const reason = describeError(error);
      throw new Error(
        failed === undefined ? reason : `migration ${failed.migrationName} failed: ${reason}`,
        { cause: error },
      );
    }
    const applied = results
      .filter((result) => result.status === 'Success')
      .map((result) => result.migrationName);
    return { json: { applied }, text: describeApplied(applied) };
  },
};

function describeApplied(applied: string[]): string {
  if (applied.length === 0) return 'No pending migrations: the database is up to date.\n';
  const list = applied.map((name) => `  ${name}\n`).join('');
  return `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:\n${list}`;
}
