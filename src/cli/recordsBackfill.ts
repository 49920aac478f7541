/**
 * `npm run records:backfill`: copy every request Temporal still holds (open, and closed within
 * retention) into the records store: the upgrade path for a deployment that ran before the store
 * existed. Idempotent: each copy is an ordinary record write (snapshot counter 0), so a record the
 * workflow already wrote is never regressed and a second run changes nothing. Reads use queries,
 * so a worker must be running. Uses DATABASE_URL, or the embedded store of a running `npm start`
 * (its port and the password it keeps in DATA_DIR).
 *
 * Here, in the command, rather than in src/records: it reads workflows through their queries, and
 * the records store sits below the workflows (it never imports them).
 */
import { Client } from '@temporalio/client';
import { stateQuery, timelineQuery, WORKFLOW_TYPE } from '../../workflows/messages';
import { loadConfig } from '../config';
import { runMain } from '../process/lifecycle';
import { openRecords, type RecordsDb } from '../records/database';
import { recordsUrl } from '../records/launch';
import { writeRecord } from '../records/writer';
import { connectClient, temporalTarget } from '../temporal/connection';

export interface BackfillReport {
  seen: number;
  /** Records created or brought up to date. */
  copied: number;
  /** Already as new in the store (the workflow records itself). */
  current: number;
  failed: Array<{ workflowId: string; error: string }>;
}

export async function backfillRecords(client: Client, db: RecordsDb, onProgress?: (r: BackfillReport) => void): Promise<BackfillReport> {
  const report: BackfillReport = { seen: 0, copied: 0, current: 0, failed: [] };
  // A request that rolled over has closed earlier runs: copy each request once, from its latest run.
  const query = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus != 'ContinuedAsNew'`;
  for await (const wf of client.workflow.list({ query })) {
    report.seen++;
    try {
      const handle = client.workflow.getHandle(wf.workflowId, wf.runId);
      const [state, events] = await Promise.all([handle.query(stateQuery), handle.query(timelineQuery)]);
      const outcome = await writeRecord(db, { version: events.at(-1)?.seq ?? 0, snapshot: 0, state, events });
      if (outcome.snapshotApplied || outcome.eventsInserted > 0) report.copied++;
      else report.current++;
    } catch (err) {
      report.failed.push({ workflowId: wf.workflowId, error: err instanceof Error ? err.message : String(err) });
    }
    if (report.seen % 100 === 0) onProgress?.(report);
  }
  return report;
}


async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openRecords(recordsUrl(config), { poolSize: 4 });
  const target = temporalTarget(config);
  const connection = await connectClient(target);
  try {
    const client = new Client({ connection, namespace: target.namespace });
    const report = await backfillRecords(client, db, (r) => process.stderr.write(`… ${r.seen} requests seen\n`));
    process.stdout.write(`${JSON.stringify({ seen: report.seen, copied: report.copied, alreadyCurrent: report.current, failed: report.failed.length })}\n`);
    for (const f of report.failed) process.stderr.write(`failed ${f.workflowId}: ${f.error}\n`);
    if (report.failed.length) process.exitCode = 1;
  } finally {
    await connection.close();
    await db.destroy();
  }
}

if (require.main === module) runMain('records-backfill', main);
