import type { Db } from '@budget/db';
import type { Logger } from './deps.ts';
import type { UserRecord } from './services/auth/users.ts';

/**
 * Who is acting, on which database handle, logging where: the first argument of every domain
 * service. `protectedProcedure` builds it from the access token; the admin CLI builds it from a
 * user it looked up, so operator scripts act as that user without signing in.
 */
export interface Actor {
  readonly db: Db;
  readonly user: UserRecord;
  /** The login behind the request; null when an operator acts for the user. */
  readonly loginId: string | null;
  readonly log: Logger;
}
