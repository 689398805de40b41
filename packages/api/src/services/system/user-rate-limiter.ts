import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { defaultUserRateLimit, type ApiDeps, type UserRateLimit } from '../../deps.ts';
import { tooManyRequests } from '../../errors.ts';

/**
 * One user's authenticated requests, counted in this process (a fairness limit, not a security
 * one: every instance allows the rate). `burst` requests may arrive at once; on average no more
 * than `perSecond` pass.
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

/** Counts one request of `userId`; TOO_MANY_REQUESTS once the user's rate is spent. */
export async function consumeUserRequest(deps: ApiDeps, userId: string): Promise<void> {
  const limiter = limiterFor(deps);
  if (limiter === null) return;
  try {
    await limiter.consume(userId);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw tooManyRequests(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
  }
}
