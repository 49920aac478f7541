/**
 * Pure helpers of the benchmark: percentiles, latency summaries, targets and the printed table.
 * No I/O and no clock, so tests/bench/percentiles.test.ts checks them exactly.
 */

/**
 * The p-th percentile (0..100) of the samples by the nearest-rank method: the smallest sample
 * with at least p % of the samples at or below it. NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const count = samples.length;
  const mean = count ? samples.reduce((a, b) => a + b, 0) / count : NaN;
  return {
    count,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: count ? Math.max(...samples) : NaN,
    mean,
  };
}

/** Operations per second: `count` done in `ms` milliseconds. */
export function ratePerSecond(count: number, ms: number): number {
  return ms > 0 ? (count * 1000) / ms : NaN;
}

export type Verdict = 'PASS' | 'MISS' | 'n/a';

/** PASS when `ok`, MISS when not, n/a when a figure is missing (NaN / skipped phase). */
export function verdict(ok: boolean | undefined, ...figures: number[]): Verdict {
  if (ok === undefined || figures.some((f) => !Number.isFinite(f))) return 'n/a';
  return ok ? 'PASS' : 'MISS';
}

/** Fixed, readable precision: 2 decimals under 10, 1 under 100, none above. */
export function fmt(n: number, unit = ''): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  const s = abs < 10 ? n.toFixed(2) : abs < 100 ? n.toFixed(1) : Math.round(n).toString();
  return unit ? `${s} ${unit}` : s;
}

export function fmtMiB(bytes: number): string {
  return Number.isFinite(bytes) ? `${fmt(bytes / 1024 / 1024)} MiB` : '–';
}

/** A plain-text table with a header rule; columns padded to their widest cell. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    header
      .map((_, i) => (cells[i] ?? '').padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

/** The same table as GitHub markdown (for docs/PERFORMANCE.md). */
export function formatMarkdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const esc = (c: string) => (c ?? '').replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${header.map((_, i) => esc(r[i] ?? '')).join(' | ')} |`),
  ].join('\n');
}

/** Parse "1000,10000" into sorted distinct positive integers. */
export function parseCounts(text: string): number[] {
  const out = text
    .split(',')
    .map((s) => s.trim().replace(/_/g, ''))
    .filter(Boolean)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: "${s}"`);
      return n;
    });
  return [...new Set(out)].sort((a, b) => a - b);
}
