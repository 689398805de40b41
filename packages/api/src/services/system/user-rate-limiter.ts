import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { defaultUserRateLimit, type ApiDeps, type UserRateLimit } from '../../deps.ts';
import { tooManyRequests } from '../../errors.ts';
import { pauseBeforeRefusal } from './refusal-pause.ts';

/**
 * One user's authenticated requests, counted in this process (a fairness limit, not a security
 * one: every instance allows the rate). `burst` points may be spent at once; on average no more
 * than `perSecond` points a second. A plain call costs one point, a heavy one more
 * (request-costs.ts).
 */
function createLimiter({ perSecond, burst }: UserRateLimit): RateLimiterMemory {
  const duration = Math.max(1, Math.round(burst / perSecond));
  return new RateLimiterMemory({ points: Math.max(burst, perSecond * duration), duration });
}

const limiters = new WeakMap<ApiDeps, RateLimiterMemory | null>();

function limiterFor(deps: ApiDeps): RateLimiterMemory | null {
  let limiter = limiters.get(deps);
  if (limiter === undefined) {
    const rule = deps.userRateLimit ?? defaultUserRateLimit;
    limiter = rule.perSecond > 0 ? createLimiter(rule) : null;
    limiters.set(deps, limiter);
  }
  return limiter;
}

/**
 * Takes `cost` points from `userId`'s rate; TOO_MANY_REQUESTS (with the seconds until the points
 * are back) when fewer are left, and then nothing is taken; the refusal is held a moment
 * (refusal-pause.ts). A cost above the burst takes the whole burst, so it can still pass.
 */
export async function consumeUserRequest(deps: ApiDeps, userId: string, cost = 1): Promise<void> {
  const limiter = limiterFor(deps);
  if (limiter === null) return;
  const points = Math.min(cost, limiter.points);
  try {
    await limiter.consume(userId, points);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // A refused call costs nothing: what is left still pays for a cheaper one.
    await limiter.reward(userId, points);
    const started = Date.now();
    await pauseBeforeRefusal(rejection.msBeforeNext);
    const left = rejection.msBeforeNext - (Date.now() - started);
    throw tooManyRequests(Math.max(1, Math.ceil(left / 1000)));
  }
}

/**
 * Takes `points` from `userId`'s rate, waiting for them to come back when they are spent: what a
 * long response pays as it goes (a page of the CSV export), so it streams no faster than the
 * user's rate allows instead of failing halfway.
 */
export async function spendUserPoints(
  deps: ApiDeps,
  userId: string,
  points: number,
): Promise<void> {
  const limiter = limiterFor(deps);
  if (limiter === null) return;
  const cost = Math.min(points, limiter.points);
  for (;;) {
    try {
      await limiter.consume(userId, cost);
      return;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      await limiter.reward(userId, cost);
      await sleep(Math.max(1, rejection.msBeforeNext));
    }
  }
}
