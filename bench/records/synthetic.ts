/**
 * Synthetic records for the records benchmark, bulk-inserted into the store (multi-row INSERTs,
 * no workflow behind them): open requests waiting on their participants and closed ones answered
 * at known offsets. Rows carry what the writer derives (filter columns from the state with the
 * domain's own functions, seats with their first response), so the list, the report and a GET
 * read them as they read recorded requests. Deterministic (seeded), so two runs measure the same
 * data.
 */
import { initialState } from '../../src/domain/requestState';
import { CATEGORIES, type CoordinationState, type OrgId } from '../../src/domain/types';
import type { RecordsDb } from '../../src/records/database';
import { requestRow, seatRows } from '../../src/records/writer';
import { rng } from '../load';

const REQUESTERS: OrgId[] = ['kpu-sumbawa', 'kpu-ntb', 'kpu-sulbar', 'kpu-ri'];
const PARTIES: OrgId[] = ['pemkab-sumbawa', 'pemprov-ntb', 'bawaslu-sumbawa', 'bawaslu-ntb', 'bawaslu-ri', 'dkpp'];
/** 120 words: a title of three of them makes one word match about 2.5 % of the requests. */
export const WORDS = Array.from({ length: 120 }, (_, i) => `kata${i.toString(36)}`);
const BATCH = 500;
const DAY = 86_400_000;

export interface SeedCounts {
  open: number;
  closed: number;
}

function synthetic(i: number, open: boolean, pick: (n: number) => number, t0: number): { state: CoordinationState; seats: Array<{ org: OrgId; answeredAfterMs: number | null }> } {
  const createdAt = new Date(t0 - pick(365) * DAY - pick(DAY));
  const requester = REQUESTERS[pick(REQUESTERS.length)];
  const a = pick(PARTIES.length);
  const participants = [PARTIES[a], PARTIES[(a + 1 + pick(PARTIES.length - 1)) % PARTIES.length]];
  const title = `Permohonan ${WORDS[pick(WORDS.length)]} ${WORDS[pick(WORDS.length)]} ${WORDS[pick(WORDS.length)]} ${i}`;
  const state = initialState(
    {
      // The API's id shape (rq- and 32 hex digits): b… open, c… closed.
      id: `rq-${open ? 'b' : 'c'}${i.toString(16).padStart(31, '0')}`,
      requester,
      title,
      description: `Koordinasi tahapan pemilihan, ${WORDS[pick(WORDS.length)]}.`,
      category: CATEGORIES[pick(CATEGORIES.length)],
      tembusan: [],
      workingHours: false,
      expireAfter: null,
      createdBy: { sub: 'bench', org: requester, roles: ['staff'] },
      steps: [{ participants, policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } }],
    },
    createdAt.toISOString(),
  );
  const step = state.steps[0];
  step.status = 'ACTIVE';
  step.activatedAt = state.createdAt;
  step.deadline = new Date(createdAt.getTime() + 3 * DAY).toISOString();
  const seats = participants.map((org) => ({ org, answeredAfterMs: open ? null : pick(6 * DAY) }));
  if (!open) {
    for (const [k, seat] of seats.entries()) {
      step.participants[k].status = 'APPROVED';
      step.participants[k].respondedAt = new Date(createdAt.getTime() + seat.answeredAfterMs!).toISOString();
    }
    step.status = 'APPROVED';
    state.status = 'APPROVED';
    state.closedAt = new Date(createdAt.getTime() + Math.max(...seats.map((s) => s.answeredAfterMs!))).toISOString();
    state.updatedAt = state.closedAt;
  }
  return { state, seats };
}

/** Insert `counts.open` open and `counts.closed` closed requests (and their seats); returns their ids. */
export async function seedRecords(db: RecordsDb, counts: SeedCounts, onProgress?: (done: number) => void): Promise<{ open: string[]; closed: string[] }> {
  const pick = rng(2026);
  const t0 = Date.now();
  const ids = { open: [] as string[], closed: [] as string[] };
  const total = counts.open + counts.closed;
  for (let from = 0; from < total; from += BATCH) {
    const made = Array.from({ length: Math.min(BATCH, total - from) }, (_, k) => {
      const i = from + k;
      const open = i < counts.open;
      return synthetic(i, open, pick, t0);
    });
    const now = new Date();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('requests')
        .values(
          made.map(({ state }) => requestRow(state, 2, 1, now)),
        )
        .execute();
      await trx
        .insertInto('seats')
        .values(
          made.flatMap(({ state, seats }) =>
            seatRows(state).map((row, k) => ({
              ...row,
              first_response_at: seats[k].answeredAfterMs === null ? null : new Date(Date.parse(state.createdAt) + seats[k].answeredAfterMs!).toISOString(),
            })),
          ),
        )
        .execute();
    });
    for (const { state } of made) (state.closedAt ? ids.closed : ids.open).push(state.id);
    onProgress?.(from + made.length);
  }
  return ids;
}
