import { initTRPC } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context.ts';
import type { Actor, Owner } from './actor.ts';
import { fromDatabaseError } from './errors.ts';
import { authenticate, verifyBearer } from './services/auth/authenticate.ts';
import { assertLiveSession } from './services/auth/live-session.ts';
import { procedureCost } from './services/system/request-costs.ts';
import { withUserFairness } from './services/system/user-fairness.ts';

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const zodError =
      error.code === 'BAD_REQUEST' && error.cause instanceof ZodError ? error.cause : null;
    // Field names vary per procedure; the client narrows them with `InputErrors<Input>`.
    const inputErrors: z.core.$ZodFlattenedError<Record<string, unknown>> | null =
      zodError === null ? null : z.flattenError(zodError);
    const hideMessage =
      error.code === 'INTERNAL_SERVER_ERROR' && ctx?.deps.exposeInternalErrors !== true;
    let message = shape.message;
    if (zodError !== null) message = `Invalid input: ${describeIssues(zodError)}`;
    if (hideMessage) message = 'Internal server error';
    return {
      ...shape,
      message,
      data: { ...shape.data, zodError: inputErrors },
    };
  },
});

function describeIssues(error: ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure: a rule the database enforced (a row deleted meanwhile, a duplicate, a bound)
 * or a database that cannot be reached reaches the caller as the error it means, never a 500.
 */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = fromDatabaseError(result.error.cause);
    if (mapped !== null) throw mapped;
  }
  return result;
});

/** Admits each call under its user's fair share before anything else (user-fairness.ts). */
const fairProcedure = publicProcedure.use(({ ctx, path, next }) =>
  withUserFairness(ctx.deps, ctx.request.authorization, procedureCost(path), next),
);

/**
 * Checks the Bearer access token (after the fairness limits); downstream procedures get
 * `ctx.actor`, the signed-in user.
 */
export const protectedProcedure = fairProcedure.use(async ({ ctx, next }) => {
  const { user, loginId } = await authenticate(ctx.deps, ctx.request.authorization);
  const actor: Actor = { db: ctx.deps.db, user, loginId, log: ctx.log };
  return next({ ctx: { actor } });
});

/**
 * For the hottest reads and writes: checks the token's signature (after the fairness limits),
 * and leaves the session check to the service, which folds it into its own query (one round trip
 * instead of two) and returns `ctx.owner`. A call that fails for any reason (a bad input
 * included) answers UNAUTHORIZED when the session has ended, as under protectedProcedure.
 */
export const sessionInQueryProcedure = fairProcedure.use(async ({ ctx, next }) => {
  const claims = await verifyBearer(ctx.deps, ctx.request.authorization);
  const owner: Owner = { db: ctx.deps.db, userId: claims.userId, session: claims };
  const result = await next({ ctx: { owner } });
  if (!result.ok && result.error.code !== 'UNAUTHORIZED') {
    await assertLiveSession(ctx.deps.db, claims);
  }
  return result;
});
