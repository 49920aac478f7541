/**
 * Visibility on SQL (the cluster's PostgreSQL) against the dev server's SQLite:
 * - the same requests, driven the same way on both, list the same through the API for every
 *   caller scope (`KoordinasiInvolved IN (...)`) and filter (the same requests, each once; the order
 *   differs with each system's own timing);
 * - the custom search-attribute slots are what the server's own schema has, and the server refuses a
 *   fourth KeywordList (so SQL_VISIBILITY_LIMITS, which `npm test` checks, is the real limit).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { SQL_VISIBILITY_LIMITS } from '../../src/domain/searchAttributes';
import { Load } from '../reliability/support/driver';
import { channelsFor, generateScripts, PARTICIPANT_POOL, REQUESTERS } from '../reliability/support/model';
import { rng } from '../reliability/support/prng';
import { startReceivers, type Receivers } from '../reliability/support/receivers';
import { sleep } from '../reliability/support/scenario';
import { Stack, token, WEBHOOK_ORGS, WEBHOOK_SECRET, type SystemUnderTest } from '../reliability/support/stack';
import { ClusterUnderTest } from './support/clusterUnderTest';

const REQUESTS = 24;
let receivers: Receivers;
let cluster: ClusterUnderTest;
let dev: Stack;

beforeAll(async () => {
  receivers = await startReceivers(WEBHOOK_SECRET);
  const opts = { smtpUrl: receivers.smtp.url, webhookUrl: receivers.webhook.url };
  cluster = new ClusterUnderTest(opts, { workers: 1, apis: 1 });
  dev = new Stack(opts);
  await Promise.all([cluster.startAll(), dev.startAll()]);
});

afterAll(async () => {
  await Promise.all([cluster?.stopAll(), dev?.stopAll()]);
  await receivers?.stop();
});

async function list(system: SystemUnderTest, org: string, filters: Record<string, string>): Promise<string[]> {
  const ids: string[] = [];
  let pageToken: string | null = null;
  do {
    const q = new URLSearchParams({ ...filters, pageSize: '7', ...(pageToken ? { pageToken } : {}) });
    const res = await fetch(`${system.apiUrl}/v1/coordination-requests?${q}`, { headers: { Authorization: `Bearer ${await token(org)}` } });
    if (res.status !== 200) throw new Error(`list ${q}: HTTP ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { items: Array<{ id: string }>; nextPageToken: string | null };
    ids.push(...page.items.map((i) => i.id));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return ids;
}

test(`the same ${REQUESTS} requests list the same on the cluster (PostgreSQL) as on the dev server (SQLite)`, async () => {
  const scripts = generateScripts(rng(7707), REQUESTS, 'listing', channelsFor(WEBHOOK_ORGS));
  for (const system of [cluster, dev]) {
    const load = new Load(system, scripts, { concurrency: 6, thinkMs: [0, 30], retryDeadlineMs: 120_000 });
    await load.run(rng(7708));
    await load.checkFinalStatesAndTimelines(60_000);
    await load.checkWorkflowsInVisibility(60_000);
    expect(load.mismatches).toEqual([]);
  }

  const callers = [...REQUESTERS, ...PARTICIPANT_POOL.slice(0, 4), 'kpu-ri'];
  const filterSets: Array<Record<string, string>> = [
    {},
    { status: 'IN_PROGRESS,CHANGES_REQUESTED' },
    { status: 'APPROVED,REJECTED,CANCELLED,EXPIRED' },
    { requester: REQUESTERS[0] },
    { participant: PARTICIPANT_POOL[1] },
    { pendingFor: PARTICIPANT_POOL[0] },
    { overdue: 'false' },
    { status: 'IN_PROGRESS', participant: PARTICIPANT_POOL[2] },
  ];
  let nonEmpty = 0;
  const distinct = new Set<string>();
  for (const org of callers) {
    for (const filters of filterSets) {
      // Visibility is eventually consistent: give both sides time to agree, then compare. The same
      // set, each once across pages; the order follows each system's own start and close times.
      let a: string[] = [];
      let b: string[] = [];
      for (let attempt = 0; attempt < 30; attempt++) {
        [a, b] = await Promise.all([list(cluster, org, filters), list(dev, org, filters)]);
        if (isDeepStrictEqual([...a].sort(), [...b].sort())) break;
        await sleep(1000);
      }
      expect({ org, filters, ids: [...a].sort() }).toEqual({ org, filters, ids: [...b].sort() });
      expect(new Set(a).size).toBe(a.length);
      if (a.length) nonEmpty++;
      distinct.add(a.join(','));
    }
  }
  // The comparison means something: many non-empty lists, and the filters and scopes do narrow them.
  expect(nonEmpty).toBeGreaterThan(callers.length * 2);
  expect(distinct.size).toBeGreaterThan(5);
});

test('SQL visibility: slots as in the server schema, and a fourth KeywordList is refused', async () => {
  const schema = readFileSync(path.join(cluster.cluster.binaries!.moduleDir, 'schema', 'postgresql', 'v12', 'visibility', 'schema.sql'), 'utf8');
  const slots: Record<string, number> = {};
  for (const m of schema.matchAll(/^\s+(KeywordList|Keyword|Bool|Datetime|Double|Int|Text)\d\d\s/gm)) slots[m[1]] = (slots[m[1]] ?? 0) + 1;
  expect(slots).toEqual(SQL_VISIBILITY_LIMITS);

  const conn = await Connection.connect({ address: cluster.cluster.temporalAddress });
  try {
    const add = conn.operatorService.addSearchAttributes({
      namespace: cluster.cluster.namespace,
      searchAttributes: { KoordinasiFourthList: encodeSearchAttributeIndexedValueType(SearchAttributeType.KEYWORD_LIST)! },
    });
    await expect(add).rejects.toThrow(/cannot have more than 3 search attribute of type KeywordList/);
  } finally {
    await conn.close();
  }
});
