import { defaultUserInFlightLimit, type ApiDeps, type UserInFlightLimit } from '../../deps.ts';
import { tooManyRequests } from '../../errors.ts';
import { pauseBeforeRefusal } from './refusal-pause.ts';

/** Seconds a caller refused for concurrency is told to wait: a running call ends soon. */
const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

/** Frees the slot a call held; calling it again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

/** One user's calls in this process: how many run, and who waits for a slot, first come first. */
interface Lane {
  running: number;
  waiting: Waiter[];
}

/**
 * At most `concurrent` calls of one user run at once in this process (so one user holds at most
 * that many database connections, whatever their client does); a few more wait their turn
 * briefly (a batch of ten, a page opening several queries), and the rest are refused (after the
 * refusal pause, refusal-pause.ts).
 */
class InFlightLimiter {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly limit: UserInFlightLimit) {}

  async acquire(userId: string): Promise<ReleaseSlot> {
    let lane = this.lanes.get(userId);
    if (lane === undefined) {
      lane = { running: 0, waiting: [] };
      this.lanes.set(userId, lane);
    }
    if (lane.running < this.limit.concurrent) {
      lane.running += 1;
      return this.releaser(userId, lane);
    }
    if (lane.waiting.length >= this.limit.queue) {
      await pauseBeforeRefusal();
      throw tooManyRequests(IN_FLIGHT_RETRY_AFTER_SECONDS);
    }
    const current = lane;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: resolve,
        timer: setTimeout(() => {
          current.waiting.splice(current.waiting.indexOf(waiter), 1);
          reject(tooManyRequests(IN_FLIGHT_RETRY_AFTER_SECONDS));
        }, this.limit.maxWaitMs),
      };
      current.waiting.push(waiter);
    });
    return this.releaser(userId, current);
  }

  /** Hands the slot to the next waiter, or frees it (and forgets an idle user). */
  private releaser(userId: string, lane: Lane): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = lane.waiting.shift();
      if (next !== undefined) {
        clearTimeout(next.timer);
        next.admit();
        return;
      }
      lane.running -= 1;
      if (lane.running === 0) this.lanes.delete(userId);
    };
  }
}

const limiters = new WeakMap<ApiDeps, InFlightLimiter | null>();

function limiterFor(deps: ApiDeps): InFlightLimiter | null {
  let limiter = limiters.get(deps);
  if (limiter === undefined) {
    const rule = deps.userInFlightLimit ?? defaultUserInFlightLimit;
    limiter = rule.concurrent > 0 ? new InFlightLimiter(rule) : null;
    limiters.set(deps, limiter);
  }
  return limiter;
}

const noSlot: ReleaseSlot = () => undefined;

/**
 * A slot for one call of `userId`, waiting briefly when the user already has their share
 * running; TOO_MANY_REQUESTS (Retry-After 1 s) when the wait line is full or the wait runs out.
 * The caller releases the slot when the call's work is done (a stream: when it ends).
 */
export function acquireUserSlot(deps: ApiDeps, userId: string): Promise<ReleaseSlot> {
  const limiter = limiterFor(deps);
  return limiter === null ? Promise.resolve(noSlot) : limiter.acquire(userId);
}
