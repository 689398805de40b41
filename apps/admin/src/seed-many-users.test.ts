import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from './command-table.ts';
import { runCli } from './run-cli.ts';
import { migratedDatabase, type Target } from './testing/run-admin.ts';

/** Runs `budget-admin <argv>` in this process (the CLI reads its database from process.env). */
async function runInProcess(argv: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.resume();
  const code = await runCli(argv, commands, { stdin: new PassThrough(), stdout, stderr });
  return { code, stdout: out };
}

/**
 * Operators seed demo users in a row. The seed acts as each user through the services (actAs),
 * not by signing in, so no login rate limit can stop a run, whatever came before it.
 */
describe('budget-admin seed, many users in a row', () => {
  let target: Target;

  beforeAll(async () => {
    target = await migratedDatabase();
    Object.assign(process.env, target.env);
  });
  afterAll(() => target.cleanup());

  it('seeds 30 demo users one after another, every run succeeding, no login left behind', async () => {
    for (let index = 0; index < 30; index += 1) {
      const run = await runInProcess([
        'seed',
        ...['--email', `demo-${index}@example.test`],
        ...['--password', 'a demo password of some length'],
        ...['--transactions', '40', '--months', '1', '--json'],
      ]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ transactions: 40 });
    }
    const users = await target.inspect((db) =>
      db.selectFrom('users').select('email').where('email', 'like', 'demo-%').execute(),
    );
    expect(users).toHaveLength(30);
    const logins = await target.inspect((db) => db.selectFrom('logins').select('id').execute());
    expect(logins).toHaveLength(0);
  }, 240_000);
});
