import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RateLimitSettings } from '@budget/api';
import { TEST_PASSWORD, uniqueEmail } from '@budget/api/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/index.ts';

const LOGINS_PER_CLIENT = 3;
const rule = (limit: number) => ({ limit, windowSeconds: 600 });
const rateLimits: RateLimitSettings = {
  loginPerClient: rule(LOGINS_PER_CLIENT),
  loginPerEmail: rule(1_000),
  registerPerClient: rule(1_000),
  registerPerEmail: rule(1_000),
  refreshPerClient: rule(1_000),
  passwordCheckPerUser: rule(1_000),
};

/** A reverse proxy on 127.0.0.1 that appends the address it was called from to X-Forwarded-For. */
async function startProxy(target: string): Promise<{ url: string; server: Server }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const forwarded = req.headers['x-forwarded-for'];
    const client = req.socket.remoteAddress ?? '';
    const proxied = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          'x-forwarded-for': forwarded === undefined ? client : `${String(forwarded)}, ${client}`,
        },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on('error', () => res.destroy());
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

/** A login through the proxy from `localAddress`, claiming to be `forgedFor`. */
function loginVia(proxyUrl: string, localAddress: string, forgedFor: string): Promise<number> {
  const body = JSON.stringify({ email: uniqueEmail('proxied'), password: TEST_PASSWORD });
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${proxyUrl}/trpc/auth.login`, {
      method: 'POST',
      localAddress,
      agent: false,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forgedFor },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => {
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('client address behind a trusted proxy', () => {
  let server: TestServer | undefined;
  let proxy: Server | undefined;
  afterEach(async () => {
    if (proxy !== undefined) await new Promise((resolve) => proxy?.close(resolve));
    await server?.close();
  });

  it.each([
    ['a hop count', 1],
    ['the proxy’s address', ['127.0.0.1']],
    ['the proxy’s CIDR', ['127.0.0.1/32']],
  ] as const)(
    'trusted by %s, rate limits the real client however it forges X-Forwarded-For',
    async (_, trustProxy) => {
      server = await startTestServer({ trustProxy, deps: { rateLimits } });
      const started = await startProxy(await server.app.listen({ port: 0, host: '127.0.0.1' }));
      proxy = started.server;

      // Loopback is 127.0.0.0/8: the attacker and a bystander are two clients on this host.
      const attempts = LOGINS_PER_CLIENT + 2;
      const statuses: number[] = [];
      for (let attempt = 0; attempt < attempts; attempt += 1) {
        statuses.push(await loginVia(started.url, '127.0.0.2', `203.0.113.${attempt + 1}`));
      }
      expect(statuses.slice(0, LOGINS_PER_CLIENT)).toEqual(
        Array.from({ length: LOGINS_PER_CLIENT }, () => 401),
      );
      expect(statuses.slice(LOGINS_PER_CLIENT)).toEqual([429, 429]);

      // Another real client through the same proxy keeps its own budget: the key is not the proxy.
      expect(await loginVia(started.url, '127.0.0.3', '203.0.113.1')).toBe(401);
    },
    // Each refused login still pays for a password hash: slow on a busy machine.
    120_000,
  );
});
