import type { ApiDeps } from '../../deps.ts';
import { verifyAccessToken } from '../auth/access-tokens.ts';
import { acquireUserSlot, type ReleaseSlot } from './user-in-flight.ts';
import { EXPORT_PAGE_COST } from './request-costs.ts';
import { consumeUserRequest, spendUserPoints } from './user-rate-limiter.ts';

/**
 * Admits one authenticated call of `cost` (request-costs.ts) under its user's fair share
 * (SPEC §3): the user's rate limit pays for it, then it takes one of the user's in-flight slots
 * (perhaps after a brief wait). Either refusal is TOO_MANY_REQUESTS with a Retry-After, decided
 * from the token alone (its signature, checked once per token): before the input is parsed and
 * before any database work, so refusing a runaway client costs next to nothing. Returns the slot
 * to release when the call's work is done, or null when the token is missing or invalid
 * (authentication then answers UNAUTHORIZED).
 */
export async function admitUserCall(
  deps: ApiDeps,
  authorization: string | null,
  cost: number,
): Promise<ReleaseSlot | null> {
  const token = authorization === null ? undefined : /^Bearer ([\w.-]+)$/.exec(authorization)?.[1];
  if (token === undefined) return null;
  // Remembered per token once its signature checked out (access-tokens.ts).
  const claims = await verifyAccessToken(deps.auth, token);
  if (claims === null) return null;
  await consumeUserRequest(deps, claims.userId, cost);
  return acquireUserSlot(deps, claims.userId);
}

/** Runs `work` as one admitted call (see admitUserCall), releasing its slot when it settles. */
export async function withUserFairness<T>(
  deps: ApiDeps,
  authorization: string | null,
  cost: number,
  work: () => Promise<T>,
): Promise<T> {
  const release = await admitUserCall(deps, authorization, cost);
  try {
    return await work();
  } finally {
    release?.();
  }
}

/**
 * `pages` (a streamed response, one chunk a page) paid for as they go: after the first (paid
 * when the call was admitted), each page takes EXPORT_PAGE_COST from `userId`'s rate, waiting
 * while it is spent, so one user's long export streams at the pace of their own share and not at
 * the others' expense.
 */
export async function* paidPages(
  deps: ApiDeps,
  userId: string,
  pages: AsyncIterable<string>,
): AsyncGenerator<string> {
  let paidOnAdmission = true;
  for await (const page of pages) {
    if (!paidOnAdmission) await spendUserPoints(deps, userId, EXPORT_PAGE_COST);
    paidOnAdmission = false;
    yield page;
  }
}
