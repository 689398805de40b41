import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import { appRouter, createContext, type ApiDeps, type AppRouter } from '@budget/api';
import { checkDatabase } from '@budget/db';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import { REFRESH_COOKIE_NAME, refreshCookieFor } from './refresh-cookie.ts';
import { sendError } from './send-error.ts';

export interface ServerOptions {
  deps: ApiDeps;
  corsOrigins: readonly string[];
  /** Secure cookies (production). */
  secureCookies: boolean;
  trustProxy?: boolean;
  logger?: FastifyServerOptions['logger'];
  bodyLimitBytes?: number;
  maxBatchSize?: number;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

export const logRedactions = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { deps, corsOrigins } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimitBytes ?? 100 * 1024,
    // genReqId reads and checks the header itself; Fastify would otherwise trust it as sent.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 5_000 },
  });

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Requests still in flight when shutdown starts get `Connection: close`, so their keep-alive
  // sockets do not hold the close open until they time out.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, _payload, done) => {
    if (closing) reply.header('connection', 'close');
    done();
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(reply, status, status >= 500 ? 'Internal server error' : error.message);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'Not found'));

  await app.register(helmet);
  await app.register(cors, {
    origin: [...corsOrigins],
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'trpc-accept'],
    maxAge: 600,
  });
  await app.register(cookie);

  app.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const state = await checkDatabase(deps.db);
    return reply.code(state === 'ready' ? 200 : 503).send({ status: state });
  });

  const allowedOrigins = new Set(corsOrigins);
  await app.register(async (trpc) => {
    // Browsers send simple cross-site form posts without a preflight. Refusing foreign origins
    // and anything but JSON bodies makes every such post fail before a procedure runs.
    trpc.addHook('onRequest', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined && !allowedOrigins.has(origin)) {
        return sendError(reply, 403, 'Origin not allowed');
      }
      if (
        request.method === 'POST' &&
        !request.headers['content-type']?.startsWith('application/json')
      ) {
        return sendError(reply, 415, 'Content-Type must be application/json');
      }
    });

    await trpc.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        maxBatchSize: options.maxBatchSize ?? 10,
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
          if (error.code === 'INTERNAL_SERVER_ERROR') {
            req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
          }
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  });

  return app;
}
