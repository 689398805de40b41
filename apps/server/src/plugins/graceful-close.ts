import type { FastifyPluginCallback } from 'fastify';
import fastifyPlugin from 'fastify-plugin';

const closeKeepAlive: FastifyPluginCallback = (app, _options, done) => {
  let closing = false;
  app.addHook('preClose', (next) => {
    closing = true;
    next();
  });
  app.addHook('onSend', (_request, reply, _payload, next) => {
    if (closing) reply.header('connection', 'close');
    next();
  });
  done();
};

/**
 * Requests still in flight when shutdown starts get `Connection: close`, so their keep-alive
 * sockets do not hold the close open until they time out.
 */
export const gracefulClose = fastifyPlugin(closeKeepAlive, { name: 'graceful-close' });
