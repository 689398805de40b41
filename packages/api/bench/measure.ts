import { performance } from 'node:perf_hooks';

export interface Measurement {
  operation: string;
  p50: number;
  p95: number;
  /** p50 target in milliseconds; none for lines measured for information. */
  targetP50: number | null;
}

export interface MeasureOptions {
  warmups: number;
  runs: number;
}

/** Times `call` sequentially after some warm-up calls; milliseconds at p50 and p95. */
export async function measure(
  operation: string,
  targetP50: number | null,
  call: () => Promise<unknown>,
  { warmups, runs }: MeasureOptions,
): Promise<Measurement> {
  for (let i = 0; i < warmups; i++) await call();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { operation, p50: percentile(samples, 50), p95: percentile(samples, 95), targetP50 };
}

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function passes(measurement: Measurement): boolean {
  return measurement.targetP50 === null || measurement.p50 <= measurement.targetP50;
}

/** A plain, aligned table: operation | p50 ms | p95 ms | target | pass/fail. */
export function formatTable(measurements: readonly Measurement[]): string {
  const header = ['operation', 'p50 ms', 'p95 ms', 'target', 'pass/fail'];
  const rows = measurements.map((m) => [
    m.operation,
    m.p50.toFixed(1),
    m.p95.toFixed(1),
    m.targetP50 === null ? '-' : `p50 <= ${m.targetP50} ms`,
    m.targetP50 === null ? 'info' : passes(m) ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}
