/**
 * `npm run records:backfill`: copy every request Temporal still holds into the records store
 * (src/records/backfill.ts). Uses DATABASE_URL, or the embedded store of a running `npm start`
 * (its port and the password it keeps in DATA_DIR). Needs a running worker (reads are queries).
 */
import { Client } from '@temporalio/client';
import { loadConfig } from '../config';
import { runMain } from '../process/lifecycle';
import { backfillRecords } from '../records/backfill';
import { openRecords } from '../records/database';
import { recordsUrl } from '../records/launch';
import { connectClient, temporalTarget } from '../temporal/connection';

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

runMain('records-backfill', main);
