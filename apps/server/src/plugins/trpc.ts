import { appRouter, createContext, type ApiDeps, type AppRouter } from '@budget/api';
import type { TRPCError } from '@trpc/server';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../database-outage.ts';
import { REFRESH_COOKIE_NAME, refreshCookieFor } from '../refresh-cookie.ts';

export interface TrpcOptions {
  deps: ApiDeps;
  /** Secure cookies (production). */
  secureCookies: boolean;
  maxBatchSize: number;
}

/** How long a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The API's tooManyRequests(n) says "try again in n seconds"; its error carries no number. */
function retryAfterSeconds(error: TRPCError): number {
  const seconds = /try again in (\d+) seconds?/.exec(error.message)?.[1];
  return seconds === undefined ? 1 : Math.max(1, Number(seconds));
}

/**
 * What the client is told instead of tRPC's own error, when that is misleading: a V8 parser
 * message for bad JSON, or a 500 for a database that is only unreachable for now.
 */
function clientFacing(
  error: TRPCError,
  req: FastifyRequest,
): Pick<TRPCError, 'code' | 'message'> | undefined {
  // tRPC reports JSON.parse's own message (BAD_REQUEST caused by a SyntaxError).
  if (error.code === 'PARSE_ERROR' || error.cause instanceof SyntaxError) {
    const what = req.method === 'GET' ? 'The input query parameter' : 'Request body';
    return { code: 'BAD_REQUEST', message: `${what} is not valid JSON` };
  }
  if (error.code === 'INTERNAL_SERVER_ERROR' && isDatabaseUnavailable(error.cause)) {
    return {
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is temporarily unavailable; try again shortly',
    };
  }
  return undefined;
}

/** The API's router at /trpc: context per request, logged failures, Retry-After on 429 and 503. */
export const trpc: FastifyPluginAsync<TrpcOptions> = async (app, options) => {
  const { deps } = options;
  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      maxBatchSize: options.maxBatchSize,
      createContext: ({ req, res }) =>
        createContext(
          deps,
          {
            ip: req.ip,
            userAgent: req.headers['user-agent'] ?? null,
            authorization: req.headers.authorization ?? null,
            refreshTokenCookie: req.cookies[REFRESH_COOKIE_NAME] ?? null,
          },
          refreshCookieFor(res, options.secureCookies),
          req.log,
        ),
      onError: ({ error, path, req }) => {
        const replacement = clientFacing(error, req);
        if (replacement?.code === 'SERVICE_UNAVAILABLE') {
          req.log.warn({ err: error.cause, path }, 'database unavailable');
        } else if (error.code === 'INTERNAL_SERVER_ERROR') {
          req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        }
        // onError runs before tRPC formats the error, so the envelope reports the replacement.
        if (replacement !== undefined) Object.assign(error, replacement);
      },
      responseMeta: ({ errors }) => {
        const limited = errors.find((error) => error.code === 'TOO_MANY_REQUESTS');
        if (limited !== undefined) {
          return { headers: { 'retry-after': String(retryAfterSeconds(limited)) } };
        }
        if (errors.some((error) => error.code === 'SERVICE_UNAVAILABLE')) {
          return { headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } };
        }
        return {};
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
};
