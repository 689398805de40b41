import type { Readable, Writable } from 'node:stream';
import type { Env } from '@budget/api';
import type { Operator } from '@budget/api/admin';
import type { Command } from 'commander';

/** The process's streams, or stand-ins in tests. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
}

export interface CommandContext {
  /** The database handle and logger every admin service takes first. */
  operator: Operator;
  env: Env;
  /** --json: stdout carries one JSON document and nothing else. */
  json: boolean;
  io: CommandIo;
  /** Resolves a path the user gave against the directory the command was started from. */
  resolvePath: (file: string) => string;
}

export interface CommandInput {
  /** Positional arguments, as declared in `configure`. */
  args: string[];
  /** Option values as commander parsed them; read them with the helpers in options.ts. */
  options: Record<string, unknown>;
}

/** What a command prints on success: `json` with --json, else `text`. */
export interface CommandOutput {
  json: unknown;
  text: string;
}

/** One entry of the command table in command-table.ts. */
export interface AdminCommand {
  /** As typed on the command line, e.g. `migrate:status`. */
  name: string;
  /** One line for the help. */
  summary: string;
  /** Declares the command's arguments and options, and any extra help text. */
  configure?: (command: Command) => void;
  /**
   * Throws UsageError for bad input (exit 2), anything else for a failed operation (exit 1).
   * Returns what to print, or undefined when the command streamed its output itself.
   */
  run(context: CommandContext, input: CommandInput): Promise<CommandOutput | undefined>;
}
