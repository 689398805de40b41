import { listUsers, type AdminUser, type Operator, type UserCursor } from '@budget/api/admin';
import type { AdminCommand } from '../command.ts';
import { integerIn, numberOption } from '../options.ts';
import { writeOut } from '../output.ts';
import { userHeader, userLine } from '../users-text.ts';

const EMAIL_WIDTH = 32;

export const userList: AdminCommand = {
  name: 'user:list',
  summary: 'list every user, oldest first, streamed page by page',
  configure(command) {
    command.option('--page-size <n>', 'users read per query', integerIn(1, 10_000), 500);
  },
  async run({ operator, json, io }, { options }) {
    const pageSize = numberOption(options, 'pageSize') ?? 500;
    let count = 0;
    await writeOut(io.stdout, json ? '[' : `${userHeader(EMAIL_WIDTH)}\n`);
    for await (const users of pages(operator, pageSize)) {
      const lines = users.map((user, index) =>
        json
          ? `${count + index === 0 ? '\n' : ',\n'}  ${JSON.stringify(user)}`
          : `${userLine(user, EMAIL_WIDTH)}\n`,
      );
      await writeOut(io.stdout, lines.join(''));
      count += users.length;
    }
    await writeOut(
      io.stdout,
      json ? `${count === 0 ? '' : '\n'}]\n` : `\n${count} user${count === 1 ? '' : 's'}\n`,
    );
    return undefined;
  },
};

async function* pages(operator: Operator, pageSize: number): AsyncGenerator<AdminUser[]> {
  let after: UserCursor | undefined;
  for (;;) {
    const users = await listUsers(operator, { limit: pageSize, after });
    if (users.length > 0) yield users;
    const last = users.at(-1);
    if (last === undefined || users.length < pageSize) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
