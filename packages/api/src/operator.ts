import type { Db } from '@budget/db';
import type { Logger } from './deps.ts';

/**
 * An operator running admin scripts: the first argument of the admin room's services that manage
 * users as a whole (find, create, disable, delete, prune). To act inside one user's data, an
 * operator turns into that user's Actor with `actAs`.
 */
export interface Operator {
  readonly db: Db;
  readonly log: Logger;
}
