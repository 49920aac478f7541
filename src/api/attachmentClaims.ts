/**
 * A create or revision that names attachments: claim them for the request first (all or nothing,
 * 422 naming each that cannot be used), then run the action; when the action is refused before it
 * took effect (invalid, conflict, the workflow's validator), the claim is undone so the uploads
 * can be used again. After an error that leaves the outcome unknown (Temporal unreachable) the
 * claim stays: a retry of the same action finds it in place.
 */
import type { AttachmentStore, StoredAttachment } from '../attachments/store';
import type { OrgId } from '../domain/types';
import { fromTemporal } from './errors';
import { ProblemError } from './problem';

const REFUSED: readonly string[] = ['validation', 'conflict', 'idempotencyConflict', 'forbidden', 'notFound'];

export async function withAttachments<T>(
  store: AttachmentStore,
  claim: { requestId: string; org: OrgId; ids: string[] | undefined; max: number },
  run: (refs: StoredAttachment[]) => Promise<T>,
): Promise<T> {
  const { refs, claimed } = await store.claim(claim.requestId, claim.org, claim.ids ?? [], claim.max);
  try {
    return await run(refs);
  } catch (err) {
    const problem = fromTemporal(err);
    if (problem instanceof ProblemError && REFUSED.includes(problem.kind)) await store.release(claim.requestId, claimed).catch(() => undefined);
    throw err;
  }
}
