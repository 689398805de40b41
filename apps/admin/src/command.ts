import type { Env } from '@budget/api';
import type { Db } from '@budget/db';
import type { Command } from 'commander';

export interface CommandContext {
  db: Db;
  env: Env;
}

export interface CommandInput {
  /** Positional arguments, as declared in `configure`. */
  args: string[];
  /** Option values as commander parsed them; validate before use and throw UsageError if bad. */
  options: Record<string, unknown>;
}

/** What a command prints on success: `json` with --json, else `text`. */
export interface CommandOutput {
  json: unknown;
  text: string;
}

/** One entry of the command table in cli.ts. */
export interface AdminCommand {
  /** As typed on the command line, e.g. `migrate:status`. */
  name: string;
  /** One line for the help. */
  summary: string;
  /** Declares the command's arguments and options. */
  configure?: (command: Command) => void;
  /** Throws UsageError for bad input (exit 2), anything else for a failed operation (exit 1). */
  run(context: CommandContext, input: CommandInput): Promise<CommandOutput>;
}
