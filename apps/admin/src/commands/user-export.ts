import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { actAs, exportUserData, findUser } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import {
  addUserSelector,
  integerIn,
  numberOption,
  stringOption,
  userSelector,
} from '../options.ts';
import { writeOut } from '../output.ts';
import { describeUser } from '../users-text.ts';

export const userExport: AdminCommand = {
  name: 'user:export',
  summary: "write all of a user's data as JSON, to stdout or a file (streamed: any size)",
  configure(command) {
    addUserSelector(command)
      .option(
        '--out <file>',
        'write to this file (created with mode 0600; relative to where you ran the command) instead of stdout',
      )
      .option('--page-size <n>', 'transactions read per query', integerIn(1, 50_000), 2_000)
      .addHelpText(
        'after',
        '\nThe document holds the profile (no password hash), accounts, categories, budgets,\n' +
          'recurring rules and skipped occurrences, imports and every transaction, in the\n' +
          "API's shapes. It is JSON with or without --json.",
      );
  },
  async run({ operator, io, resolvePath }, { options }) {
    const user = await findUser(operator, userSelector(options));
    const actor = await actAs(operator, { id: user.id });
    const chunks = exportUserData(actor, { pageSize: numberOption(options, 'pageSize') });
    const outOption = stringOption(options, 'out');
    if (outOption === undefined) {
      for await (const chunk of chunks) await writeOut(io.stdout, chunk);
      return undefined;
    }
    const out = resolvePath(outOption);
    const bytes = await writeFileAtomically(out, chunks);
    return {
      json: { user, file: out, bytes },
      text: `Exported ${describeUser(user)} to ${out} (${bytes} bytes).\n`,
    };
  },
};

/** Writes next to `file` and renames when complete, so a failed export leaves no partial file. */
async function writeFileAtomically(file: string, chunks: AsyncIterable<string>): Promise<number> {
  const partial = `${file}.${process.pid}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return (await stat(file)).size;
}
