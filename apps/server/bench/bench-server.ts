// Shared by `pnpm bench:export` and `pnpm bench:import`: the production bundle of the server as
// a child process, its memory as Linux reports it, and tRPC calls over plain fetch.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The bench database's secret, as `pnpm bench:http` signs its tokens with. */
export const JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

/** `pnpm --filter @budget/server build`: dist/main.js, as production runs it. */
export function buildBundle(): void {
  const build = spawnSync('pnpm', ['--filter', '@budget/server', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('the server build failed');
}

export interface BundleServer {
  child: ChildProcess;
  baseUrl: string;
  stop(): Promise<void>;
}

/** Starts dist/main.js with exactly `env` (plus PATH) and waits until /ready answers. */
export async function startBundle(
  env: Record<string, string>,
  port: number,
): Promise<BundleServer> {
  const child = spawn(process.execPath, ['apps/server/dist/main.js'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      USER_RATE_LIMIT: '0',
      JWT_SECRET,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  for (let attempt = 0; ; attempt += 1) {
    const ready = await fetch(`${baseUrl}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (attempt > 300 || child.exitCode !== null) {
      child.kill('SIGTERM');
      throw new Error(`the server on ${baseUrl} did not come up`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    baseUrl,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident and peak resident memory of a process (Linux /proc), in MiB. */
export function memoryOf(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Polls a process's RSS every `everyMs` until stopped; returns the highest value seen. */
export function sampleRss(pid: number | undefined, everyMs = 20): () => number {
  let highest = memoryOf(pid).rss;
  const timer = setInterval(() => {
    highest = Math.max(highest, memoryOf(pid).rss);
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.max(highest, memoryOf(pid).rss);
  };
}

/** One tRPC call over HTTP (POST for mutations, GET for queries); throws with the error body. */
export async function trpc<T>(
  baseUrl: string,
  path: string,
  input: unknown,
  options: { token?: string; method?: 'GET' | 'POST' } = {},
): Promise<T> {
  const headers: Record<string, string> =
    options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const response =
    options.method === 'GET'
      ? await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers,
        })
      : await fetch(`${baseUrl}/trpc/${path}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (body.result === undefined) {
    throw new Error(`${path}: ${response.status} ${JSON.stringify(body.error)}`);
  }
  return body.result.data;
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
