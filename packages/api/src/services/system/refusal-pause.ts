import { setTimeout as sleep } from 'node:timers/promises';

/**
 * How long a fairness refusal (TOO_MANY_REQUESTS) is held before it is sent. Deciding costs next
 * to nothing, but a client that ignores Retry-After would otherwise get its answer at once and ask
 * again, keeping the server busy refusing it; held, each of its connections asks at most once a
 * second. A timer holds it, not a thread, and the client was to wait at least that long anyway.
 */
export const REFUSAL_PAUSE_MS = 1_000;

/** Waits out the refusal pause, or `ms` when shorter. */
export function pauseBeforeRefusal(ms = REFUSAL_PAUSE_MS): Promise<void> {
  return sleep(Math.min(ms, REFUSAL_PAUSE_MS));
}
