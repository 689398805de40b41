import type { AdminCommand } from './command.ts';
import { migrate } from './commands/migrate.ts';
import { migrateStatus } from './commands/migrate-status.ts';
import { recurringRun } from './commands/recurring-run.ts';
import { seed } from './commands/seed.ts';
import { tokensPrune } from './commands/tokens-prune.ts';
import { userCreate } from './commands/user-create.ts';
import { userDelete } from './commands/user-delete.ts';
import { userDisable } from './commands/user-disable.ts';
import { userEnable } from './commands/user-enable.ts';
import { userExport } from './commands/user-export.ts';
import { userList } from './commands/user-list.ts';
import { userResetPassword } from './commands/user-reset-password.ts';

/**
 * The command table, in the order the help lists it. A new command is one file in
 * `commands/<verb-noun>.ts` exporting an AdminCommand, and one line here.
 */
export const commands: readonly AdminCommand[] = [
  migrate,
  migrateStatus,
  seed,
  userCreate,
  userList,
  userDisable,
  userEnable,
  userResetPassword,
  userDelete,
  userExport,
  tokensPrune,
  recurringRun,
];
