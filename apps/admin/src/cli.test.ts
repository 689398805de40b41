import os from 'node:os';
import path from 'node:path';
import { getMigrationStatus } from '@budget/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyDatabase,
  runAdmin,
  type MigrateJson,
  type StatusJson,
  type Target,
} from './testing/run-admin.ts';

describe('budget-admin migrate and migrate:status', () => {
  let target: Target;
  let names: string[];

  beforeAll(async () => {
    target = await emptyDatabase();
    names = (await target.inspect(getMigrationStatus)).map((migration) => migration.name);
  });
  afterAll(() => target.cleanup());

  it('lists every migration as pending on an empty database', async () => {
    const run = await runAdmin(['migrate:status', '--json'], target.env);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(names.length).toBeGreaterThan(0);
    expect(status.pending).toBe(names.length);
    expect(status.migrations).toEqual(
      names.map((name) => ({ name, status: 'pending', executedAt: null })),
    );
  });

  it('migrate applies every pending migration, in order, and exits 0', async () => {
    const run = await runAdmin(['migrate', '--json'], target.env);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout) as MigrateJson).toEqual({ applied: names });
    const state = await target.inspect(getMigrationStatus);
    expect(state.every((migration) => migration.executedAt !== null)).toBe(true);
  });

  it('migrate:status --json then lists every migration as applied', async () => {
    const run = await runAdmin(['--json', 'migrate:status'], target.env);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(status.pending).toBe(0);
    expect(status.migrations.map((migration) => migration.name)).toEqual(names);
    for (const migration of status.migrations) {
      expect(migration.status).toBe('applied');
      expect(Number.isNaN(Date.parse(migration.executedAt ?? ''))).toBe(false);
    }
  });

  it('migrate on an up-to-date database applies nothing and exits 0', async () => {
    const json = await runAdmin(['migrate', '--json'], target.env);
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout) as MigrateJson).toEqual({ applied: [] });

    const text = await runAdmin(['migrate'], target.env);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toContain('up to date');
  });

  it('without --json prints a table for people', async () => {
    const run = await runAdmin(['migrate:status'], target.env);

    expect(run.code).toBe(0);
    const lastName = names.at(-1) ?? '';
    expect(run.stdout).toMatch(new RegExp(`^applied .* ${lastName}$`, 'm'));
    expect(run.stdout).toContain(`${names.length} applied, 0 pending`);
  });
});

// More usage errors, and --help, are in help.test.ts: in-process, as no database is opened.
describe('budget-admin usage errors exit 2 with the help text', () => {
  // No database is opened for these, so any DATA_DIR will do.
  const env = { DATA_DIR: path.join(os.tmpdir(), 'budget-admin-unused') };

  it('an unknown command', async () => {
    const run = await runAdmin(['migrate:sideways'], env);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("unknown command 'migrate:sideways'");
    expect(run.stderr).toContain('Usage: budget-admin');
    expect(run.stderr).toContain('migrate:status');
  });
});

describe('budget-admin failed operations exit 1 with a one-line reason', () => {
  it('when the database cannot be reached', async () => {
    const run = await runAdmin(['migrate'], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/unreachable',
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^budget-admin migrate: .*ECONNREFUSED.*\n$/);
  });

  it('when a variable is invalid, naming it', async () => {
    const run = await runAdmin(['migrate:status'], { DATABASE_URL: 'mysql://localhost/budget' });

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^budget-admin migrate:status: .*DATABASE_URL.*\n$/);
  });
});
