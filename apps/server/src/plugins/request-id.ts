import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Fastify's genReqId: a well-formed incoming x-request-id (from a proxy) is kept, anything else
 * replaced, so ids in the logs cannot be forged into something else.
 */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

const echoRequestId: FastifyPluginCallback = (app, _options, done) => {
  app.addHook('onRequest', (request, reply, next) => {
    reply.header('x-request-id', request.id);
    next();
  });
  done();
};

/** Sends every request's id back in x-request-id, so a client can quote it. */
export const requestId = fastifyPlugin(echoRequestId, { name: 'request-id' });
