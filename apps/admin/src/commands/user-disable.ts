import { findUser, setUserDisabled } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { addUserSelector, userSelector } from '../options.ts';
import { describeUser } from '../users-text.ts';

export const userDisable: AdminCommand = {
  name: 'user:disable',
  summary: 'stop a user signing in; their access and refresh tokens stop working at once',
  configure: addUserSelector,
  async run({ operator }, { options }) {
    const { id } = await findUser(operator, userSelector(options));
    await setUserDisabled(operator, { userId: id, disabled: true });
    const user = await findUser(operator, { id });
    return {
      json: { user },
      text: `Disabled ${describeUser(user)}: they cannot sign in, and their tokens no longer work.\n`,
    };
  },
};
