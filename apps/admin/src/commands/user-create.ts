import { createUser } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { addPasswordOptions, choosePassword, stringOption } from '../options.ts';
import { describeUser, generatedPasswordLine } from '../users-text.ts';

export const userCreate: AdminCommand = {
  name: 'user:create',
  summary: 'create a user with the default categories, as sign-up does',
  configure(command) {
    command.requiredOption('--email <email>', 'their email address');
    addPasswordOptions(command);
    command
      .option('--display-name <name>', 'the name shown in the app (default: the part before @)')
      .option('--currency <code>', 'ISO 4217 currency of new accounts (default: USD)')
      .addHelpText(
        'after',
        '\nWithout --password or --password-stdin a password is generated and printed once.',
      );
  },
  async run({ operator, io }, { options }) {
    const { password, generated } = await choosePassword(options, io.stdin);
    const user = await createUser(operator, {
      email: stringOption(options, 'email') ?? '',
      password,
      displayName: stringOption(options, 'displayName'),
      currency: stringOption(options, 'currency'),
    });
    return {
      json: generated ? { user, password } : { user },
      text: `Created ${describeUser(user)}.\n${generated ? generatedPasswordLine(password) : ''}`,
    };
  },
};
