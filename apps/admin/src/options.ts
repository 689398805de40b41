import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { UserSelector } from '@budget/api/admin';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError } from './errors.ts';

type Options = Record<string, unknown>;

export function stringOption(options: Options, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberOption(options: Options, name: string): number | undefined {
  const value = options[name];
  return typeof value === 'number' ? value : undefined;
}

export function flagOption(options: Options, name: string): boolean {
  return options[name] === true;
}

/** A commander argument parser for a whole number in [min, max]; underscores allowed (1_000_000). */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = /^-?\d[\d_]*$/.test(value) ? Number(value.replaceAll('_', '')) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

/** `--email` or `--id`: which user a command acts on. */
export function addUserSelector(command: Command): Command {
  return command
    .option('--email <email>', 'the user with this email (case-insensitive)')
    .option('--id <uuid>', 'the user with this id');
}

export function userSelector(options: Options): UserSelector {
  const email = stringOption(options, 'email');
  const id = stringOption(options, 'id');
  if (email !== undefined && id !== undefined)
    throw new UsageError('give --email or --id, not both');
  if (email !== undefined) return { email };
  if (id !== undefined) return { id };
  throw new UsageError('say which user: --email <email> or --id <uuid>');
}

export function describeSelector(selector: UserSelector): string {
  return 'id' in selector ? `id ${selector.id}` : `email ${selector.email}`;
}

/** `--password` or `--password-stdin`; without either a password is generated and printed once. */
export function addPasswordOptions(command: Command): Command {
  return command
    .option('--password <password>', 'the password (visible in ps and shell history)')
    .option('--password-stdin', 'read the password from stdin (one trailing newline is dropped)');
}

export interface PasswordChoice {
  password: string;
  /** True when the CLI made it up: it must be shown, once. */
  generated: boolean;
}

export async function choosePassword(options: Options, stdin: Readable): Promise<PasswordChoice> {
  const given = stringOption(options, 'password');
  const fromStdin = flagOption(options, 'passwordStdin');
  if (given !== undefined && fromStdin) {
    throw new UsageError('give --password or --password-stdin, not both');
  }
  if (given !== undefined) return { password: given, generated: false };
  if (fromStdin) {
    const password = (await readAll(stdin)).replace(/\r?\n$/, '');
    if (password === '') throw new UsageError('--password-stdin read an empty password');
    return { password, generated: false };
  }
  // 144 random bits, 24 characters: within the 12–128 the API accepts.
  return { password: randomBytes(18).toString('base64url'), generated: true };
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  return Buffer.concat(chunks).toString('utf8');
}
