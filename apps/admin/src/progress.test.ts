import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from './command.ts';
import { createProgress } from './progress.ts';

function pipedIo(): { io: CommandIo; printed: () => string } {
  const stdout = new PassThrough();
  let printed = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
  return {
    io: { stdin: new PassThrough(), stdout, stderr: new PassThrough() },
    printed: () => printed,
  };
}

describe('progress as plain lines (stdout is a pipe or a file)', () => {
  it('prints the percentage actually done, not the tenth it crossed', async () => {
    const { io, printed } = pipedIo();
    const progress = createProgress(io, { json: false, total: 20_000, label: 'seed' });

    progress.update(5_012);
    progress.update(5_500); // still the same tenth: no new line
    progress.update(19_990);
    progress.update(20_000);
    progress.stop();
    await new Promise(setImmediate);

    expect(printed()).toBe(
      'seed: 5012/20000 (25%)\nseed: 19990/20000 (99%)\nseed: 20000/20000 (100%)\n',
    );
  });
});
