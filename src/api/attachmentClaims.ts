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

export interface AttachmentClaim {
  requestId: string;
  org: OrgId;
  ids: string[] | undefined;
  max: number;
}

/**
 * A claim made during an action (inside the action pipeline, once the caller is authorized):
 * `claim()` claims, `guard(run)` runs the action and undoes a claim made in it if it was refused.
 */
export function deferredClaim(store: AttachmentStore, claim: AttachmentClaim) {
  let claimed: string[] = [];
  return {
    async claim(): Promise<StoredAttachment[]> {
      const out = await store.claim(claim.requestId, claim.org, claim.ids ?? [], claim.max);
      claimed = out.claimed;
      return out.refs;
    },
    async guard<T>(run: () => Promise<T>): Promise<T> {
      try {
        return await run();
      } catch (err) {
        const problem = fromTemporal(err);
        if (claimed.length && problem instanceof ProblemError && REFUSED.includes(problem.kind)) await store.release(claim.requestId, claimed).catch(() => undefined);
        throw err;
      }
    },
  };
}

export async function withAttachments<T>(store: AttachmentStore, claim: AttachmentClaim, run: (refs: StoredAttachment[]) => Promise<T>): Promise<T> {
  const deferred = deferredClaim(store, claim);
  const refs = await deferred.claim();
  return deferred.guard(() => run(refs));
}
