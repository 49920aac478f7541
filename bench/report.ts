/** The figures of a run: the table with targets and PASS/MISS, and bench/results/<date>.json. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clusterReport, type SystemResult } from './clusterTarget';
import type { BenchOptions } from './options';
import type { PhaseResults } from './phases/runPhases';
import { say } from './say';
import { fmt, fmtMiB, formatTable, verdict, type LatencySummary } from './stats';

const MiB = 1024 * 1024;

export interface Results extends PhaseResults {
  startedAt: string;
  finishedAt?: string;
  durationS?: number;
  command: string;
  machine: { nproc: number; memoryGiB: number; node: string; platform: string; cpu: string };
  options: BenchOptions;
  /** --target=cluster: the phases' results per system (dev server, cluster with 1 and 2 workers). */
  systems?: SystemResult[];
}

const ms = (n: number) => fmt(n, 'ms');
const pct = (s: LatencySummary) => `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)} ms`;

export function reportRows(res: Results): string[][] {
  const rows: string[][] = [];
  const c = res.create;
  if (c) {
    rows.push([`create ×${c.n}, ${c.concurrency} concurrent (req/s)`, fmt(c.api.rate), `${fmt(c.direct.rate)} (CoordinationService.create)`, 'API ≥ 0.9 × direct', `${fmt(c.ratio)}× ${verdict(c.ratio >= 0.9, c.ratio)}`]);
    rows.push(['  reference: bare client start (req/s)', '', fmt(c.startOnly.rate), '', `API = ${fmt(c.ratioVsStartOnly)}×`]);
  }
  const l = res.latency;
  if (l) {
    const readOk = l.read.api.p99 <= l.read.direct.p99 + 5;
    const respOk = l.respond.api.p99 <= l.respond.direct.p99 + 5;
    rows.push([`read p50/p95/p99 (×${l.read.api.count})`, pct(l.read.api), `${pct(l.read.direct)} (query)`, 'API p99 ≤ direct p99 + 5 ms', `+${ms(l.read.api.p99 - l.read.direct.p99)} ${verdict(readOk, l.read.api.p99, l.read.direct.p99)}`]);
    rows.push(['  reference: the API query (CoordinationService.state) from the client', '', pct(l.read.sameRpcs), '', `API p99 +${ms(l.read.api.p99 - l.read.sameRpcs.p99)}`]);
    rows.push([`respond p50/p95/p99 (×${l.respond.api.count})`, pct(l.respond.api), `${pct(l.respond.direct)} (update)`, 'API p99 ≤ direct p99 + 5 ms', `+${ms(l.respond.api.p99 - l.respond.direct.p99)} ${verdict(respOk, l.respond.api.p99, l.respond.direct.p99)}`]);
    rows.push(['  reference: describe + update from the client', '', pct(l.respond.sameRpcs), '', `API p99 +${ms(l.respond.api.p99 - l.respond.sameRpcs.p99)}`]);
    rows.push([`create p50/p95/p99 (×${l.create.api.count})`, pct(l.create.api), `${pct(l.create.direct)} (CoordinationService.create)`, '', `API p99 +${ms(l.create.api.p99 - l.create.direct.p99)}`]);
    rows.push(['  reference: start, then the ready update (two round trips)', '', pct(l.create.startThenReady), '', '']);
  }
  const o = res.open;
  if (o?.length) {
    for (const lv of o) {
      rows.push([`open ${lv.open}: worker RSS`, fmtMiB(lv.workerRss), '', lv === o.at(-1) && lv.open >= 10_000 ? '≤ 1024 MiB at 10,000' : '', lv === o.at(-1) && lv.open >= 10_000 ? verdict(lv.workerRss <= 1024 * MiB, lv.workerRss) : '']);
      rows.push([`open ${lv.open}: read p50/p95/p99`, pct(lv.read.api), `${pct(lv.read.direct)} (query)`, '', '']);
    }
    if (o.length >= 2) {
      const a = o[0];
      const b = o.at(-1)!;
      const r95 = b.read.api.p95 / a.read.api.p95;
      const r50 = b.read.api.p50 / a.read.api.p50;
      rows.push([`read at ${b.open} vs ${a.open} (p50, p95)`, `${fmt(r50)}×, ${fmt(r95)}×`, '', '≤ 1.5× (p50 and p95)', verdict(r50 <= 1.5 && r95 <= 1.5, r50, r95)]);
    }
  }
  const bu = res.burst;
  if (bu) {
    rows.push([`burst ${bu.requests} req × ${bu.participants}: instant → last mail`, ms(bu.lastDeliveryAfterMs), `first after ${ms(bu.firstDeliveryAfterMs)}`, '', '']);
    rows.push(['burst deliveries/s', fmt(bu.deliveriesPerSecond), '', '≥ 100/s', verdict(bu.deliveriesPerSecond >= 100, bu.deliveriesPerSecond)]);
    rows.push(['burst lost / duplicates', `${bu.lost} / ${bu.duplicates}`, `of ${bu.expected}`, 'none lost', verdict(bu.lost === 0, bu.lost)]);
  }
  const rc = res.records;
  if (rc) {
    const size = `${rc.seeded.open} open + ${rc.seeded.closed} closed`;
    rows.push([`records (${size}): GET from the record p50/p95/p99`, pct(rc.get), '', 'p99 ≤ 10 ms', verdict(rc.get.p99 <= 10, rc.get.p99)]);
    rows.push(['records: list with a filter p50/p95/p99', pct(rc.listFilter), '', 'p99 ≤ 25 ms', verdict(rc.listFilter.p99 <= 25, rc.listFilter.p99)]);
    rows.push(['records: list with q p50/p95/p99', pct(rc.listQ), '', 'p99 ≤ 25 ms', verdict(rc.listQ.p99 <= 25, rc.listQ.p99)]);
    rows.push([`records: report over all, p50 / max (×${rc.report.count})`, `${ms(rc.report.p50)} / ${ms(rc.report.max)}`, '', '≤ 500 ms', verdict(rc.report.max <= 500, rc.report.max)]);
    rows.push(['records: respond p50, recording on / off', `${ms(rc.recording.on.p50)} / ${ms(rc.recording.off.p50)}`, `p99 ${ms(rc.recording.on.p99)} / ${ms(rc.recording.off.p99)}`, '≤ 5 ms added at p50', `${rc.recording.addedP50 >= 0 ? '+' : ''}${ms(rc.recording.addedP50)} ${verdict(rc.recording.addedP50 <= 5, rc.recording.addedP50)}`]);
  }
  return rows;
}

export const REPORT_HEADER = ['measure', 'Koordinasi API', 'direct Temporal client', 'target', 'result'];

function resultsFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  for (let i = 1; ; i++) {
    const file = path.join(dir, i === 1 ? `${date}.json` : `${date}-${i}.json`);
    if (!existsSync(file)) return file;
  }
}

/** Print the table and write bench/results/<date>.json (also for a run stopped by its time limit). */
export function writeResults(res: Results, t0: number): void {
  res.finishedAt = new Date().toISOString();
  res.durationS = Math.round((Date.now() - t0) / 1000);
  const table = res.systems ? formatTable(...clusterReport(res.systems)) : formatTable(REPORT_HEADER, reportRows(res));
  process.stdout.write(`\n${table}\n\n`);
  const file = resultsFile(path.join(__dirname, 'results'));
  writeFileSync(file, `${JSON.stringify({ ...res, table }, null, 2)}\n`);
  say(`results: ${path.relative(process.cwd(), file)} (run took ${res.durationS} s, worker maxCachedWorkflows ${res.options.cacheSize})`);
}
