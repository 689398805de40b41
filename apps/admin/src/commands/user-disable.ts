import { findUser, setUserDisabled } from '@budget/api';
import type { AdminCommand } from '../command.ts';
import { addUserSelector, userSelector } from '../options.ts';
import { describeUser } from '../users-text.ts';

export const userDisable: AdminCommand = {
  name: 'user:disable',
  summary: 'stop a user signing in; their access and refresh tokens stop working at once',
  configure: addUserSelector,
  async run({ db }, { options }) {
    const { id } = await findUser(db, userSelector(options));
    await setUserDisabled(db, id, true);
    const user = await findUser(db, { id });
    return {
      json: { user },
      text: `Disabled ${describeUser(user)}: they cannot sign in, and their tokens no longer work.\n`,
    };
  },
};
