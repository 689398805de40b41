import { appRouter, createContext, RetryAfter, type ApiDeps, type AppRouter } from '@budget/api';
import type { TRPCError } from '@trpc/server';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { REFRESH_COOKIE_NAME, refreshCookieFor } from '../refresh-cookie.ts';

export interface TrpcOptions {
  deps: ApiDeps;
  /** Secure cookies (production). */
  secureCookies: boolean;
  maxBatchSize: number;
}

/**
 * What the client is told instead of tRPC's own error for a body or query that is not JSON:
 * tRPC passes on the V8 parser's message.
 */
function clientFacing(
  error: TRPCError,
  req: FastifyRequest,
): Pick<TRPCError, 'code' | 'message'> | undefined {
  if (error.code === 'PARSE_ERROR' || error.cause instanceof SyntaxError) {
    const what = req.method === 'GET' ? 'The input query parameter' : 'Request body';
    return { code: 'BAD_REQUEST', message: `${what} is not valid JSON` };
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
        if (error.code === 'SERVICE_UNAVAILABLE') {
          req.log.warn({ err: error.cause?.cause ?? error, path }, 'database unavailable or slow');
        } else if (error.code === 'INTERNAL_SERVER_ERROR') {
          req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        }
        // onError runs before tRPC formats the error, so the envelope reports the replacement.
        const replacement = clientFacing(error, req);
        if (replacement !== undefined) Object.assign(error, replacement);
      },
      // 429 and 503 say when to come back: the API puts that in the error's cause.
      responseMeta: ({ errors }) => {
        const wait = errors
          .map((error) => error.cause)
          .find((cause) => cause instanceof RetryAfter);
        return wait === undefined ? {} : { headers: { 'retry-after': String(wait.seconds) } };
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
};
