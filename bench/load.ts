/** Load generation: a bounded-concurrency pool, timed calls, HTTP helpers, waiting. */
import { performance } from 'node:perf_hooks';

export interface PoolResult {
  ms: number;
  ok: number;
  errors: number;
  firstError?: string;
}

/** Run `fn(0..n-1)` with at most `concurrency` in flight; errors are counted, not thrown. */
export async function runPool(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<PoolResult> {
  let next = 0;
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  const lane = async () => {
    for (;;) {
      const i = next++;
      if (i >= n) return;
      try {
        await fn(i);
        ok += 1;
      } catch (err) {
        errors += 1;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, n)) }, lane));
  return { ms: performance.now() - t0, ok, errors, ...(firstError ? { firstError } : {}) };
}

/** Milliseconds one call took (it must succeed). */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/** A JSON call to the API over a real socket (fetch keeps connections alive). */
export async function httpJson(method: 'GET' | 'POST', url: string, auth: string, body?: unknown, expect: number[] = [200, 201]): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new HttpError(res.status, text);
  return text ? JSON.parse(text) : undefined;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Wait until `value()` reaches `target`, or until it has not moved for `stallMs`, or `maxMs`
 * passed. Returns whether the target was reached.
 */
export async function waitFor(value: () => number, target: number, opts: { stallMs: number; maxMs: number; pollMs?: number; onTick?: (v: number) => void }): Promise<boolean> {
  const t0 = Date.now();
  let last = value();
  let lastMove = Date.now();
  while (value() < target) {
    if (Date.now() - t0 > opts.maxMs || Date.now() - lastMove > opts.stallMs) return false;
    await sleep(opts.pollMs ?? 250);
    const v = value();
    if (v !== last) {
      last = v;
      lastMove = Date.now();
    }
    opts.onTick?.(v);
  }
  return true;
}

/** Deterministic pseudo-random integers (mulberry32), so runs pick the same sample. */
export function rng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * n);
  };
}
