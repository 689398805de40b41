import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commands } from './command-table.ts';
import { runCli } from './run-cli.ts';

/**
 * In this process: commander settles help and malformed command lines before any command runs,
 * so no database is opened and no child process is needed.
 */
async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await runCli(argv, commands, {
    stdin: new PassThrough(),
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}

describe('budget-admin --help', () => {
  it('lists every command of the table with its summary', async () => {
    const help = await run(['--help']);

    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: budget-admin [options] [command]');
    expect(help.stdout).toContain('Exit codes: 0 done, 1 the operation failed, 2 usage error.');
    for (const command of commands) {
      expect(help.stdout).toContain(command.name);
      expect(help.stdout).toContain(command.summary.slice(0, 40));
    }
  });

  it.each(commands.map((command) => command.name))(
    '%s --help exits 0 with its usage, options and the global --json',
    async (name) => {
      const help = await run([name, '--help']);

      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toContain(`Usage: budget-admin ${name} [options]`);
      expect(help.stdout).toContain('--json');
    },
  );
});

describe('budget-admin usage errors exit 2 with the command help', () => {
  it('no command at all', async () => {
    const result = await run([]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: budget-admin');
  });

  it('an unknown option or an extra argument', async () => {
    const option = await run(['migrate', '--force']);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--force'");

    const argument = await run(['migrate', 'now']);
    expect(argument.code).toBe(2);
    expect(argument.stderr).toContain('Usage: budget-admin migrate');
  });

  it('a missing required option', async () => {
    const result = await run(['user:create', '--password', 'long enough password']);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("required option '--email <email>' not specified");
    expect(result.stderr).toContain('Usage: budget-admin user:create');
  });

  it('a number option that is not a whole number in range', async () => {
    for (const value of ['many', '1.5', '0']) {
      const result = await run(['seed', '--email', 'demo@example.com', '--transactions', value]);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Expected a whole number from 1 to 10000000');
      expect(result.stderr).toContain('Usage: budget-admin seed');
    }
  });

  it('an option the command does not have', async () => {
    const result = await run([
      'user:reset-password',
      '--email',
      'a@example.com',
      '--password',
      'x',
    ]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--password'");
  });
});
