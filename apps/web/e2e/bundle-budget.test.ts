import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { distDir } from './support/config.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const BUDGET_BYTES = 180 * 1024;

async function manifest(): Promise<Manifest> {
  return JSON.parse(await readFile(`${distDir}.vite/manifest.json`, 'utf8')) as Manifest;
}

/** The JS files a chunk loads before it runs: itself and its static imports, transitively. */
function staticClosure(chunks: Manifest, key: string, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of chunks[key]?.imports ?? []) staticClosure(chunks, imported, seen);
  return seen;
}

async function gzipSize(keys: Iterable<string>, chunks: Manifest): Promise<number> {
  let total = 0;
  for (const key of keys) {
    const file = chunks[key]?.file;
    if (file?.endsWith('.js')) total += gzipSync(await readFile(`${distDir}${file}`)).length;
  }
  return total;
}

async function routeFiles(route: string): Promise<{ keys: Set<string>; chunks: Manifest }> {
  const chunks = await manifest();
  const entry = Object.keys(chunks).find((key) => chunks[key]?.isEntry);
  if (entry === undefined) throw new Error('no entry chunk in the manifest');
  const keys = staticClosure(chunks, entry);
  if (route !== '') staticClosure(chunks, route, keys);
  return { keys, chunks };
}

describe('bundle budgets', () => {
  it.each([
    ['sign-in', ''],
    ['dashboard', 'src/routes/dashboard.tsx'],
  ])(
    'the %s route loads at most 180 kB of gzipped JS, without the charts',
    async (_name, route) => {
      const { keys, chunks } = await routeFiles(route);
      const size = await gzipSize(keys, chunks);
      console.info(`${_name}: ${(size / 1024).toFixed(1)} kB gzip`);
      expect(size).toBeGreaterThan(10 * 1024);
      expect(size).toBeLessThanOrEqual(BUDGET_BYTES);
      const sources = await Promise.all(
        [...keys].map((key) => readFile(`${distDir}${chunks[key]?.file ?? ''}`, 'utf8')),
      );
      expect(sources.some((source) => source.includes('recharts'))).toBe(false);
    },
  );

  it('the charts live in the lazily loaded reports chunk', async () => {
    const chunks = await manifest();
    expect(chunks['src/routes/reports.tsx']?.isEntry).toBeFalsy();
    const entry = Object.values(chunks).find((chunk) => chunk.isEntry);
    expect(entry?.dynamicImports).toContain('src/routes/reports.tsx');
  });

  it('the import page is lazily loaded: neither sign-in nor the dashboard loads its chunk', async () => {
    const chunks = await manifest();
    const page = chunks['src/routes/import.tsx'];
    expect(page?.isEntry).toBeFalsy();
    const entry = Object.values(chunks).find((chunk) => chunk.isEntry);
    expect(entry?.dynamicImports).toContain('src/routes/import.tsx');
    const { keys } = await routeFiles('src/routes/dashboard.tsx');
    expect(keys.has('src/routes/import.tsx')).toBe(false);
  });

  it('contains no server code: no pg, kysely, fastify, argon2, jose or node builtins', async () => {
    const chunks = await manifest();
    const sources = await Promise.all(
      Object.values(chunks)
        .filter((chunk) => chunk.file.endsWith('.js'))
        .map((chunk) => readFile(`${distDir}${chunk.file}`, 'utf8')),
    );
    const bundle = sources.join('\n');
    expect(bundle).toContain('/trpc');
    for (const marker of [
      /from\s*["']node:/,
      /require\(["'](fs|net|tls|crypto|pg|kysely|fastify)["']\)/,
      /\bpg-protocol\b/,
      /\bKysely\b/,
      /\bfastify\b/i,
      /\bargon2\b/,
      /\bjwtVerify\b/,
      /\bPGlite\b/,
    ]) {
      expect(bundle, String(marker)).not.toMatch(marker);
    }
  });
});
