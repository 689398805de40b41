import { findUser, setUserDisabled } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { addUserSelector, userSelector } from '../options.ts';
import { describeUser } from '../users-text.ts';

export const userEnable: AdminCommand = {
  name: 'user:enable',
  summary: 'let a disabled user sign in again (their unexpired logins work again too)',
  configure: addUserSelector,
  async run({ operator }, { options }) {
    const { id } = await findUser(operator, userSelector(options));
    await setUserDisabled(operator, { userId: id, disabled: false });
    const user = await findUser(operator, { id });
    return { json: { user }, text: `Enabled ${describeUser(user)}.\n` };
  },
};
