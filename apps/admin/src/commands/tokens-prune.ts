import { defaultRateLimits } from '@budget/api';
import { pruneExpired, type PruneCounts } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { integerIn, numberOption } from '../options.ts';

export const tokensPrune: AdminCommand = {
  name: 'tokens:prune',
  summary: 'delete expired tokens, old logins, ended rate-limit windows, idempotency keys > 48 h',
  configure(command) {
    command
      .option(
        '--login-retention-days <days>',
        'keep revoked or expired logins this many days',
        integerIn(0, 3650),
        30,
      )
      .addHelpText(
        'after',
        '\nTakes a PostgreSQL advisory lock: started on several instances at once, it runs once\n' +
          'and the others report that they skipped (exit 0).',
      );
  },
  async run({ operator }, { options }) {
    const result = await pruneExpired(operator, {
      loginRetentionDays: numberOption(options, 'loginRetentionDays') ?? 30,
      rateLimits: defaultRateLimits,
    });
    return {
      json: result,
      text: result.ran
        ? describeCounts(result.deleted)
        : 'Skipped: another tokens:prune is running (it holds the advisory lock).\n',
    };
  },
};

function describeCounts(deleted: PruneCounts): string {
  return (
    `Deleted ${deleted.refreshTokens} expired refresh tokens, ${deleted.logins} old logins, ` +
    `${deleted.rateLimits} ended rate-limit windows and ${deleted.idempotencyKeys} idempotency keys.\n`
  );
}
