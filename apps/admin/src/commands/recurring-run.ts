import { runDueRecurring } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { integerIn, numberOption } from '../options.ts';

export const recurringRun: AdminCommand = {
  name: 'recurring:run',
  summary: "write every recurring entry due by its owner's today (for cron)",
  configure(command) {
    command
      .option('--batch-size <rules>', 'rules read per query', integerIn(1, 10_000), 200)
      .addHelpText(
        'after',
        '\nSafe next to running servers and other runs: each occurrence is written exactly once.',
      );
  },
  async run({ operator }, { options }) {
    const result = await runDueRecurring(operator, {
      batchSize: numberOption(options, 'batchSize') ?? 200,
    });
    const failed = result.failed === 0 ? '' : ` ${result.failed} rules failed (see the log).`;
    return {
      json: result,
      text: `Wrote ${result.occurrences} recurring entries for ${result.rules} rules.${failed}\n`,
    };
  },
};
