import { commands } from './command-table.ts';
import { runCli } from './run-cli.ts';

/** The `budget-admin` entry point: runs one command of the table and exits with its code. */

// A failed write (EPIPE when the reader of a pipe goes away) reaches the command through
// writeOut instead of crashing the process as an unhandled 'error' event.
process.stdout.on('error', () => undefined);

process.exitCode = await runCli(process.argv.slice(2), commands, {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
