import type { Db } from '@budget/db';
import type { Logger } from './deps.ts';
import type { AccessTokenClaims } from './services/auth/access-tokens.ts';
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

/**
 * Whose rows a query reads or writes. `session` is a request's access-token login that was not
 * checked yet: the query checks it in its own statement (`whileSessionLive`) and, when it finds
 * nothing, asks `assertLiveSession` whether that is because the session ended. Null when the
 * session was checked already (an Actor) or there is none (an operator acting for the user).
 */
export interface Owner {
  readonly db: Db;
  readonly userId: string;
  readonly session: AccessTokenClaims | null;
}

export function ownerOf(actor: Actor): Owner {
  return { db: actor.db, userId: actor.user.id, session: null };
}
