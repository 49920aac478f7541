/**
 * Every patch id of the workflows (Temporal workflow versioning), declared once. A `patched(id)`
 * call guards behaviour added after requests were already running: a run whose history was made
 * by older code replays the old branch, new work takes the new one. The ids are recorded in
 * histories as they are written here: never rename one.
 *
 * When a patch may become `deprecatePatch` and then go: docs/ARCHITECTURE.md#patch-retirement
 * (each id below is listed there with its earliest retirement condition). The date is when the id
 * entered the code (`git log -S '<id>'`).
 */
export const PATCHES = {
  /** Delegation checks the requester's seat rules (src/domain/seats.ts) and tells the holder's parent; 2026-11-29. */
  delegationRules: 'requester-delegation-rules',
  /** CHANGES_REQUESTED mails carry each asker's words apart (older runs: one text with "org: " prefixes); 2026-11-29. */
  attributedComments: 'attributed-change-comments',
  /** Handlers and the reminder engine compute first and change state after their last await, checked again there; 2026-11-29. */
  settleFirst: 'settle-after-last-await',
  /** The next reminder's working-hours shift is computed ahead, so `nextReminderAt` shows when it is really sent; 2026-11-29. */
  shiftAhead: 'shift-next-reminder-ahead',
  /** One occasion is one REMINDER_SENT / ESCALATED event, whatever zones its recipients are in; 2026-11-29. */
  oneEventPerOccasion: 'one-event-per-occasion',
  /** The run mirrors its state and timeline into the records store (older runs: backfilled, recorded from their next continue-as-new); 2026-11-29. */
  recordsStore: 'records-store',
  /** Repeated lists of system events are kept by reference in the carried timeline (compactTimeline.ts); 2026-11-29. */
  compactTimeline: 'compact-carried-timeline',
  /** An occurrence of a schedule that skips holidays checks its own local day (local activity holidayOn); 2026-11-30. */
  occurrenceChecksItsDay: 'occurrence-checks-its-day',
  /** A delegated seat's own reminder plan goes to its new holder at once (it was left to the next wake); 2026-11-30. */
  seatPlanFollowsDelegation: 'seat-plan-follows-delegation',
  /** Waiting asks for more time lapse when their seat stops waiting (they stayed PENDING, to be declined by hand); 2026-11-30. */
  mootAsksLapse: 'moot-asks-lapse',
} as const;

export type PatchId = (typeof PATCHES)[keyof typeof PATCHES];
