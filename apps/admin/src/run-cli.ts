import path from 'node:path';
import { silentLogger } from '@budget/api';
import { createDb } from '@budget/db';
import { Command, CommanderError } from 'commander';
import type { AdminCommand, CommandContext, CommandIo } from './command.ts';
import { loadConfig } from './config.ts';
import { describeError, describeFailure, isUsageError } from './errors.ts';
import { writeOut } from './output.ts';

export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

export type CliIo = CommandIo;

/** Parses `argv` (without node and the script), runs the command, and returns the exit code. */
export async function runCli(
  argv: readonly string[],
  commands: readonly AdminCommand[],
  io: CliIo,
): Promise<number> {
  let exitCode: number = ExitCode.ok;
  // Settings made before .command() are inherited by every subcommand.
  const program = new Command('budget-admin')
    .description(
      'Admin scripts for Budget Tracker, against DATABASE_URL or else PGlite in DATA_DIR.',
    )
    .option('--json', 'print machine-readable JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 done, 1 the operation failed, 2 usage error.')
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError()
    .exitOverride();

  for (const command of commands) {
    const cli = program.command(command.name).description(command.summary);
    command.configure?.(cli);
    cli.action(async () => {
      exitCode = await execute(command, cli, io);
    });
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    // --help and --version end with exit code 0; every other commander error is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    io.stderr.write(`budget-admin: ${describeError(error)}\n`);
    return ExitCode.failed;
  }
}

async function execute(command: AdminCommand, cli: Command, io: CliIo): Promise<number> {
  const json = cli.optsWithGlobals().json === true;
  try {
    const output = await withDatabase(`budget-admin ${command.name}`, (db, env, callerDir) =>
      command.run(
        {
          operator: { db, log: silentLogger },
          env,
          json,
          io,
          resolvePath: (file) => path.resolve(callerDir, file),
        },
        { args: cli.args, options: cli.opts() },
      ),
    );
    if (output !== undefined) {
      await writeOut(io.stdout, json ? `${JSON.stringify(output.json, null, 2)}\n` : output.text);
    }
    return ExitCode.ok;
  } catch (error) {
    if (isUsageError(error)) cli.error(`error: ${describeError(error)}`);
    io.stderr.write(`budget-admin ${command.name}: ${describeFailure(error)}\n`);
    return ExitCode.failed;
  }
}

async function withDatabase<T>(
  holder: string,
  work: (
    db: CommandContext['operator']['db'],
    env: CommandContext['env'],
    callerDir: string,
  ) => Promise<T>,
): Promise<T> {
  const { env, db: dbConfig, callerDir } = loadConfig();
  // Opening is lazy: nothing connects until the command's first query.
  const db = createDb(dbConfig.databaseUrl === undefined ? { ...dbConfig, holder } : dbConfig);
  try {
    return await work(db, env, callerDir);
  } finally {
    await db.destroy();
  }
}
