/**
 * What a coordination schedule hands each occurrence: the request template (a create body minus
 * what each occurrence gets itself: its id, its creation time) and who made the schedule. Plain
 * types, shared by the API (which builds it) and the occurrence workflow (which starts a request
 * from it).
 */
import type { CoordinationRequestInput } from './request';

export type RequestTemplate = Omit<CoordinationRequestInput, 'id' | 'createdBy' | 'schedule' | 'options'>;

export interface OccurrenceInput {
  /** Public id of the schedule (`sc-` and hex). */
  scheduleId: string;
  template: RequestTemplate;
  createdBy: CoordinationRequestInput['createdBy'];
  /**
   * The requester's time zone when the schedule skips holidays: each occurrence checks its own
   * local date then, so a holiday or cuti bersama day added after the schedule's skip list was
   * computed is skipped too (absent in schedules created before this check existed).
   */
  skipHolidaysIn?: string;
}

/** Temporal id of a coordination schedule (never personal data). */
export const scheduleIdFor = (id: string): string => `koordinasi-schedule-${id}`;
/** Prefix of the occurrence workflows a schedule starts (Temporal appends the scheduled time). */
export const occurrenceWorkflowIdFor = (id: string): string => `koordinasi-occurrence-${id}`;
export const OCCURRENCE_WORKFLOW_TYPE = 'scheduledRequestWorkflow';
