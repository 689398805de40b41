import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../../server', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the server's base URL once it listens; rejects if it exits first. */
  listening: Promise<string>;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts the real server (`apps/server/src/main.ts`, as `pnpm start` does) on any free port. */
export function startServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const address = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (address?.[1] !== undefined) resolve(address[1]);
    });
    void exited.then((code) => {
      reject(new Error(`the server exited (${String(code)}) before listening: ${stderr}`));
    });
  });
  // A test that expects the server to fail never awaits `listening`.
  listening.catch(() => undefined);
  return { child, stderr: () => stderr, listening, exited };
}

/** Calls one tRPC mutation over HTTP and returns the response status. */
export async function postTrpc(
  baseUrl: string,
  procedure: string,
  input: unknown,
): Promise<number> {
  const response = await fetch(`${baseUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  await response.body?.cancel();
  return response.status;
}
