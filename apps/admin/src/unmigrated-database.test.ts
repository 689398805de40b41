import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase, runAdmin, type Target } from './testing/run-admin.ts';

const noSchema = (command: string) =>
  `budget-admin ${command}: The database has no schema yet: run \`budget-admin migrate\`.\n`;

describe('budget-admin on a database that was never migrated', () => {
  let target: Target;
  beforeAll(async () => {
    target = await emptyDatabase();
  });
  afterAll(() => target.cleanup());

  it('user:list says to run migrate, and prints no table header first', async () => {
    const run = await runAdmin(['user:list'], target.env);

    expect(run).toEqual({ code: 1, stdout: '', stderr: noSchema('user:list') });
  });

  it('user:list --json prints no partial document', async () => {
    const run = await runAdmin(['user:list', '--json'], target.env);

    expect(run).toEqual({ code: 1, stdout: '', stderr: noSchema('user:list') });
  });

  it('user:create says to run migrate', async () => {
    const run = await runAdmin(
      ['user:create', '--email', 'new@example.com', '--password', 'a long enough password'],
      target.env,
    );

    expect(run).toEqual({ code: 1, stdout: '', stderr: noSchema('user:create') });
  });
});
