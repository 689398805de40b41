import { appRouter, createContext, RetryAfter, type ApiDeps, type AppRouter } from '@budget/api';
import type { TRPCError } from '@trpc/server';
import {
  fastifyRequestHandler,
  type FastifyTRPCPluginOptions,
} from '@trpc/server/adapters/fastify';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { REFRESH_COOKIE_NAME, refreshCookieFor } from '../refresh-cookie.ts';
import { answerDirectCall } from './trpc-direct-call.ts';

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

function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const wait = errors.map((error) => error.cause).find((cause) => cause instanceof RetryAfter);
  return wait === undefined ? {} : { 'retry-after': String(wait.seconds) };
}

/**
 * The API's router at /trpc: context per request, logged failures, Retry-After on 429 and 503.
 * A plain single call is answered directly (trpc-direct-call.ts); tRPC's Fastify handler takes
 * everything else (batches, streams, malformed requests) and says the same for the same input.
 */
export const trpc: FastifyPluginCallback<TrpcOptions> = (app, options, done) => {
  const { deps } = options;
  const createTrpcContext = ({ req, res }: { req: FastifyRequest; res: FastifyReply }) =>
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
    );
  const onError = ({
    error,
    path,
    req,
  }: {
    error: TRPCError;
    path?: string;
    req: FastifyRequest;
  }) => {
    if (error.code === 'SERVICE_UNAVAILABLE') {
      req.log.warn({ err: error.cause?.cause ?? error, path }, 'database unavailable or slow');
    } else if (error.code === 'INTERNAL_SERVER_ERROR') {
      req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
    }
    // onError runs before tRPC formats the error, so the envelope reports the replacement.
    const replacement = clientFacing(error, req);
    if (replacement !== undefined) Object.assign(error, replacement);
  };
  const trpcOptions = {
    router: appRouter,
    maxBatchSize: options.maxBatchSize,
    createContext: createTrpcContext,
    onError,
    // 429 and 503 say when to come back: the API puts that in the error's cause.
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
  } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];
  const directCall = {
    router: appRouter,
    createContext: createTrpcContext,
    onError,
    errorHeaders: (error: TRPCError) => retryAfterHeaders([error]),
  };

  // As tRPC's plugin does: bodies reach the handler as text, parsed once there.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    done(null, body);
  });
  app.all<{ Params: { path: string } }>('/trpc/:path', async (req, reply) => {
    const { path } = req.params;
    if (await answerDirectCall(directCall, path, req, reply)) return;
    await fastifyRequestHandler({ ...trpcOptions, req, res: reply, path });
  });
  done();
};
