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
    // Nothing is printed before the first page is in: a failure leaves stdout empty.
    for await (const users of pages(operator, pageSize)) {
      const lines = users.map((user, index) =>
        json
          ? `${count + index === 0 ? '\n' : ',\n'}  ${JSON.stringify(user)}`
          : `${userLine(user, EMAIL_WIDTH)}\n`,
      );
      await writeOut(io.stdout, `${count === 0 ? opening(json) : ''}${lines.join('')}`);
      count += users.length;
    }
    const closing = json
      ? `${count === 0 ? '' : '\n'}]\n`
      : `\n${count} user${count === 1 ? '' : 's'}\n`;
    await writeOut(io.stdout, `${count === 0 ? opening(json) : ''}${closing}`);
    return undefined;
  },
};

function opening(json: boolean): string {
  return json ? '[' : `${userHeader(EMAIL_WIDTH)}\n`;
}

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
