/** Pure helpers of the benchmark (bench/stats.ts, bench/smtpSink.ts key parsing, bench/options.ts). No timing. */
import { parseOptions } from '../../bench/options';
import { keyOfMessage } from '../../bench/smtpSink';
import { fmt, formatMarkdownTable, formatTable, parseCounts, percentile, ratePerSecond, summarize, verdict } from '../../bench/stats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('picks the smallest sample with p % at or below it', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('handles tiny and empty samples', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2], 50)).toBe(1);
    expect(percentile([1, 2], 51)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });

  it('refuses a percentile outside 0..100 and does not reorder the input', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
    const xs = [3, 1, 2];
    percentile(xs, 50);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('summaries and verdicts', () => {
  it('summarizes latencies', () => {
    expect(summarize([4, 1, 3, 2])).toEqual({ count: 4, p50: 2, p95: 4, p99: 4, max: 4, mean: 2.5 });
    const empty = summarize([]);
    expect(empty.count).toBe(0);
    expect(empty.p99).toBeNaN();
  });

  it('computes rates and verdicts', () => {
    expect(ratePerSecond(500, 2000)).toBe(250);
    expect(ratePerSecond(1, 0)).toBeNaN();
    expect(verdict(true, 1)).toBe('PASS');
    expect(verdict(false, 1)).toBe('MISS');
    expect(verdict(true, Number.NaN)).toBe('n/a');
  });

  it('formats numbers with sensible precision', () => {
    expect(fmt(1.234)).toBe('1.23');
    expect(fmt(12.34)).toBe('12.3');
    expect(fmt(1234.5)).toBe('1235');
    expect(fmt(5, 'ms')).toBe('5.00 ms');
    expect(fmt(Number.NaN)).toBe('–');
  });
});

describe('tables', () => {
  it('pads columns to the widest cell', () => {
    expect(formatTable(['a', 'bb'], [['xxx', 'y'], ['z']])).toBe(['a   | bb', '----|---', 'xxx | y', 'z   |'].join('\n'));
  });

  it('writes markdown with escaped pipes', () => {
    expect(formatMarkdownTable(['m', 'v'], [['a|b', '1']])).toBe(['| m | v |', '| --- | --- |', '| a\\|b | 1 |'].join('\n'));
  });
});

describe('counts and options', () => {
  it('parses comma-separated counts', () => {
    expect(parseCounts('10000, 1000,1_000')).toEqual([1000, 10000]);
    expect(() => parseCounts('10,-1')).toThrow(/positive/);
  });

  it('reads flags over environment, with quick defaults', () => {
    const quick = parseOptions(['--quick'], {});
    expect(quick).toMatchObject({ quick: true, n: 200, calls: 200, open: [300, 1000], burst: 200, cacheSize: 1000 });
    const full = parseOptions(['--n=50'], { BENCH_N: '7', BENCH_OPEN: '1000,10000', BENCH_PHASES: 'open,create' });
    expect(full).toMatchObject({ n: 50, open: [1000, 10000], phases: ['create', 'open'], cacheSize: 1000 });
    expect(() => parseOptions(['--nope'], {})).toThrow(/unknown flag/);
    expect(() => parseOptions([], { BENCH_PHASES: 'everything' })).toThrow(/unknown phase/);
  });

  it('cluster target: its phases, worker counts, no open-work phase', () => {
    expect(parseOptions([], {})).toMatchObject({ target: 'dev', phases: ['create', 'latency', 'open', 'burst', 'records'], recordsOpen: 10_000, recordsClosed: 100_000 });
    expect(parseOptions(['--quick', '--records-closed=500'], {})).toMatchObject({ recordsOpen: 1000, recordsClosed: 500 });
    expect(() => parseOptions(['--target=cluster', '--phases=records'], {})).toThrow(/dev target only/);
    expect(parseOptions(['--target=cluster'], {})).toMatchObject({ target: 'cluster', phases: ['create', 'latency', 'burst'], clusterWorkers: [1, 2], maxMinutes: 120 });
    expect(parseOptions([], { BENCH_TARGET: 'cluster', BENCH_CLUSTER_WORKERS: '2' })).toMatchObject({ clusterWorkers: [2] });
    expect(() => parseOptions(['--target=cluster', '--phases=open'], {})).toThrow(/dev target only/);
    expect(() => parseOptions(['--target=k8s'], {})).toThrow(/unknown target/);
  });
});

describe('SMTP sink key parsing', () => {
  it('reads the notification key back from a (folded) Message-ID', () => {
    expect(keyOfMessage('Subject: x\r\nMessage-ID:\r\n <rq-1%3A0%3Apemkab-sumbawa%3AREMINDER_DUE%3A2@koordinasi>\r\nTo: a@b')).toBe('rq-1:0:pemkab-sumbawa:REMINDER_DUE:2');
    expect(keyOfMessage('Subject: none')).toBeNull();
  });
});
