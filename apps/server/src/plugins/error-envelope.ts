import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { errorEnvelope, sendError } from '../trpc-error-envelope.ts';

const handleErrors: FastifyPluginCallback = (app, _options, done) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return sendError(reply, status, status >= 500 ? 'Internal server error' : error.message);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'Not found'));
  done();
};

/** Fastify's own errors (handlers, 404) in tRPC's JSON envelope. */
export const errorEnvelopePlugin = fastifyPlugin(handleErrors, { name: 'error-envelope' });

/**
 * Fastify's `frameworkErrors` option: a URL Fastify cannot route (a malformed path, a path
 * parameter over maxParamLength: 414) is answered before any plugin runs.
 */
export const frameworkErrors: FastifyServerOptions['frameworkErrors'] = (
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) => {
  const status = error.statusCode ?? 400;
  const message = status === 414 ? 'URL is too long' : 'URL is not valid';
  void sendError(reply, status, message);
};

/**
 * Fastify's `clientErrorHandler` option: Node rejects an unparsable request (a header block over
 * its limit: 431) before Fastify sees it, so the answer is written to the socket directly.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'Request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'Request timed out']
        : [400, 'Bad Request', 'Malformed HTTP request'];
  if (socket.writable) {
    const body = JSON.stringify(errorEnvelope(status, message));
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
