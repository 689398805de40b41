import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { sendError } from '../trpc-error-envelope.ts';

export interface OriginGuardOptions {
  allowedOrigins: readonly string[];
}

/** The web app served by this very server (at `/`) calls it from its own origin. */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const guardOrigins: FastifyPluginCallback<OriginGuardOptions> = (app, options, done) => {
  const allowed = new Set(options.allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin !== undefined && !allowed.has(origin) && !sameOrigin(origin, request.headers.host)) {
      return sendError(reply, 403, 'Origin not allowed');
    }
    if (
      request.method === 'POST' &&
      !request.headers['content-type']?.startsWith('application/json')
    ) {
      return sendError(reply, 415, 'Content-Type must be application/json');
    }
  });
  done();
};

/**
 * Browsers send simple cross-site form posts without a preflight. Refusing foreign origins
 * (the opaque `null` included) and anything but JSON bodies makes every such post fail before
 * a procedure runs. Applies to the scope it is registered in.
 */
export const originGuard = fastifyPlugin(guardOrigins, { name: 'origin-guard' });
