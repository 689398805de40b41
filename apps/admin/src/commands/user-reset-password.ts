import { findUser, resetPassword } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { addUserSelector, choosePassword, userSelector } from '../options.ts';
import { describeUser, generatedPasswordLine } from '../users-text.ts';

export const userResetPassword: AdminCommand = {
  name: 'user:reset-password',
  summary: 'set a new password and sign the user out everywhere',
  configure(command) {
    addUserSelector(command)
      .option(
        '--password-stdin',
        'read the new password from stdin (one trailing newline is dropped)',
      )
      .addHelpText('after', '\nWithout --password-stdin a password is generated and printed once.');
  },
  async run({ operator, io }, { options }) {
    const user = await findUser(operator, userSelector(options));
    const { password, generated } = await choosePassword(options, io.stdin);
    const { revokedLogins } = await resetPassword(operator, { userId: user.id, password });
    return {
      json: generated ? { user, revokedLogins, password } : { user, revokedLogins },
      text:
        `Set a new password for ${describeUser(user)} and revoked ${revokedLogins} ` +
        `login${revokedLogins === 1 ? '' : 's'}.\n${generated ? generatedPasswordLine(password) : ''}`,
    };
  },
};
