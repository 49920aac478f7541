/**
 * What every part of one workflow run shares: the request state, its timeline, the organizations
 * known so far, and the clock. Built once per run by the workflow function; the modules beside it
 * (steps, notifications, reminders) work on it. Deterministic: no I/O, the workflow clock only.
 */
import { patched } from '@temporalio/workflow';
import type { Actor, CoordinationState, OrgId, OrgRef, TimelineEvent, TimelineKind } from '../src/domain/types';
import { compact, hasSharedList } from './compactTimeline';
import { PATCHES } from './patches';

/** The engine itself as the actor of scheduled events. */
export const SYSTEM = { sub: 'system', org: 'system' } as const;
export type EventActor = Pick<Actor, 'sub' | 'org'>;

export const nowMs = (): number => Date.now(); // the workflow's deterministic clock
export const iso = (ms: number): string => new Date(ms).toISOString();

export interface Run {
  state: CoordinationState;
  timeline: TimelineEvent[];
  orgs: Record<OrgId, OrgRef>;
  /** Set when the schedule changed, so the main loop recomputes its wake-up time. */
  wake: boolean;
  /** Append an event to the timeline, kept compact (and touch `updatedAt`); readers get `readable()` of it. */
  record(kind: TimelineKind, actor: EventActor, extra?: Partial<TimelineEvent>): void;
}

export function createRun(state: CoordinationState, timeline: TimelineEvent[], orgs: Record<OrgId, OrgRef>): Run {
  return {
    state,
    timeline,
    orgs,
    wake: false,
    record(kind, actor, extra = {}) {
      const at = iso(nowMs());
      const event: TimelineEvent = {
        seq: (timeline.at(-1)?.seq ?? 0) + 1,
        at,
        kind,
        actor: { sub: actor.sub, org: actor.org },
        revision: state.revision,
        step: state.currentStep,
        ...extra,
      };
      timeline.push(hasSharedList(event) && patched(PATCHES.compactTimeline) ? compact(timeline, event) : event);
      state.updatedAt = at;
    },
  };
}
