import { deleteUser, findUser } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { UsageError } from '../errors.ts';
import { addUserSelector, describeSelector, flagOption, userSelector } from '../options.ts';
import { describeUser } from '../users-text.ts';

export const userDelete: AdminCommand = {
  name: 'user:delete',
  summary: 'delete a user and all their data, for good (needs --yes)',
  configure(command) {
    addUserSelector(command).option('--yes', 'confirm: this cannot be undone');
  },
  async run({ operator }, { options }) {
    const selector = userSelector(options);
    if (!flagOption(options, 'yes')) {
      throw new UsageError(
        `deleting the user with ${describeSelector(selector)} and all their data cannot be undone; add --yes to confirm`,
      );
    }
    const user = await findUser(operator, selector);
    const deleted = await deleteUser(operator, { userId: user.id });
    return {
      json: { user, deleted },
      text:
        `Deleted ${describeUser(user)} with ${deleted.accounts} accounts, ` +
        `${deleted.categories} categories and ${deleted.transactions} transactions.\n`,
    };
  },
};
