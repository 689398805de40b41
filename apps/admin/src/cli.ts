import type { AdminCommand } from './command.ts';
import { migrate } from './commands/migrate.ts';
import { migrateStatus } from './commands/migrate-status.ts';
import { runCli } from './run-cli.ts';

/**
 * The command table, in the order the help lists it. A new command is one file in
 * `commands/<verb-noun>.ts` exporting an AdminCommand, and one line here.
 */
const commands: readonly AdminCommand[] = [migrate, migrateStatus];

process.exitCode = await runCli(process.argv.slice(2), commands, {
  stdout: process.stdout,
  stderr: process.stderr,
});
