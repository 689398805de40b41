import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { ApiDeps } from '@budget/api';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  clientErrorHandler,
  errorEnvelopePlugin,
  frameworkErrors,
} from './plugins/error-envelope.ts';
import { bodyLimits, IMPORT_BODY_LIMIT } from './plugins/body-limits.ts';
import { exportRoute } from './plugins/export-route.ts';
import { gracefulClose } from './plugins/graceful-close.ts';
import { healthRoutes } from './plugins/health-routes.ts';
import { originGuard } from './plugins/origin-guard.ts';
import { requestId, requestIdFor } from './plugins/request-id.ts';
import { trpc } from './plugins/trpc.ts';
import { webApp } from './plugins/web-app.ts';

export interface ServerOptions {
  deps: ApiDeps;
  corsOrigins: readonly string[];
  /** Secure cookies (production). */
  secureCookies: boolean;
  /** Proxies whose X-Forwarded-For is believed: none, a hop count, or their addresses/CIDRs. */
  trustProxy?: false | number | readonly string[];
  /** The process's logger (see createLogger); none by default. */
  logger?: FastifyBaseLogger;
  maxBatchSize?: number;
  /** The built web app (apps/web/dist), served at `/`; none by default. */
  webAppRoot?: string;
}

/** Fastify takes a hop count too, but its types do not say so: a count is `hop < count`. */
function fastifyTrustProxy(
  trustProxy: false | number | readonly string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  return trustProxy === false ? false : [...trustProxy];
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { deps, corsOrigins, trustProxy = false } = options;
  const app = Fastify({
    ...(options.logger === undefined ? {} : { loggerInstance: options.logger }),
    trustProxy: fastifyTrustProxy(trustProxy),
    bodyLimit: IMPORT_BODY_LIMIT,
    // genReqId reads and checks the header itself; Fastify would otherwise trust it as sent.
    requestIdHeader: false,
    genReqId: requestIdFor,
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { maxParamLength: 5_000 },
  });

  await app.register(requestId);
  await app.register(gracefulClose);
  await app.register(errorEnvelopePlugin);
  await app.register(helmet);
  await app.register(cors, {
    origin: [...corsOrigins],
    credentials: true,
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id', 'trpc-accept'],
    maxAge: 600,
  });
  await app.register(cookie);
  await app.register(healthRoutes, { db: deps.db });
  await app.register(exportRoute, { deps });
  await app.register(async (api) => {
    await api.register(originGuard, { allowedOrigins: corsOrigins });
    await api.register(bodyLimits);
    await api.register(trpc, {
      deps,
      secureCookies: options.secureCookies,
      maxBatchSize: options.maxBatchSize ?? 10,
    });
  });
  if (options.webAppRoot !== undefined) await app.register(webApp, { root: options.webAppRoot });

  return app;
}
