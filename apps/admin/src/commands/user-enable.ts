import { findUser, setUserDisabled } from '@budget/api';
import type { AdminCommand } from '../command.ts';
import { addUserSelector, userSelector } from '../options.ts';
import { describeUser } from '../users-text.ts';

export const userEnable: AdminCommand = {
  name: 'user:enable',
  summary: 'let a disabled user sign in again (their unexpired logins work again too)',
  configure: addUserSelector,
  async run({ db }, { options }) {
    const { id } = await findUser(db, userSelector(options));
    await setUserDisabled(db, id, false);
    const user = await findUser(db, { id });
    return { json: { user }, text: `Enabled ${describeUser(user)}.\n` };
  },
};
