import { checkDatabase, type Db } from '@budget/db';
import type { FastifyPluginCallback } from 'fastify';

export interface HealthRoutesOptions {
  db: Db;
}

/** `/health`: the process lives. `/ready`: it can serve, database reachable and migrated. */
export const healthRoutes: FastifyPluginCallback<HealthRoutesOptions> = (app, { db }, done) => {
  app.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const state = await checkDatabase(db);
    return reply.code(state === 'ready' ? 200 : 503).send({ status: state });
  });
  done();
};
