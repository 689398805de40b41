import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface WebAppOptions {
  /** The built web app (apps/web/dist) with its index.html. */
  root: string;
}

/** Paths the API owns: an unknown one there is a 404, never the app's HTML. */
const API_PATHS = /^\/(trpc|export|health|ready)(\/|$)/;

/**
 * Serves the built web app at `/`: its files as they are (hashed assets cached for a year), and
 * index.html for any other GET that asks for HTML, so the app's own routes survive a reload.
 */
export async function webApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const indexHtml = join(options.root, 'index.html');
  if (!existsSync(indexHtml)) {
    app.log.warn(
      { root: options.root },
      'web app not built: run `pnpm --filter @budget/web build`',
    );
    return;
  }

  await app.register(fastifyStatic, {
    root: options.root,
    wildcard: false,
    index: false,
    setHeaders: (reply, path) => {
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });

  app.get('/*', (request, reply) => {
    const wantsHtml = request.headers.accept?.includes('text/html') ?? false;
    if (!wantsHtml || API_PATHS.test(request.url)) {
      reply.callNotFound();
      return;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
