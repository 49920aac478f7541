/**
 * From a structurally valid create body to the workflow input: the checks that need the
 * directory or the clock, then the mapping. Problems are reported like schema errors (400, field
 * named), because to the client they are the same thing: input we cannot accept.
 */
import type { Directory } from '../directory/directory';
import type { StagesFile } from '../stages/stages';
import { validatePolicy } from '../domain/policy';
import { requesterSeatRefusal } from '../domain/seats';
import type { Actor, CoordinationRequestInput, DeadlineSpec, OrgId } from '../domain/types';
import { reminderFloorErrors, type Floors } from './floors';
import { validationProblem, type FieldError } from './problem';
import type { CreateRequestBody } from './schemas';

/** The election schedule as the API checks it (re-read when the file changed). */
export type KnownStages = Pick<StagesFile, 'get'>;

/**
 * Errors of a deadline that needs the clock or the election schedule: an `AT` instant must be in
 * the future; a `STAGE` must exist in the schedule (when the caller passes it).
 */
export function deadlineErrors(deadline: DeadlineSpec, field: string, nowMs: number, stages?: KnownStages): FieldError[] {
  if (deadline.kind === 'AT' && Date.parse(deadline.at) <= nowMs) {
    return [{ in: 'body', field: `${field}.at`, message: 'the deadline is in the past' }];
  }
  if (deadline.kind === 'STAGE' && stages && !stages.get(deadline.stage)) {
    return [{ in: 'body', field: `${field}.stage`, message: `unknown stage "${deadline.stage}" (GET /v1/stages lists them)` }];
  }
  return [];
}

function unknownOrg(directory: Directory, org: string, field: string): FieldError[] {
  return directory.has(org) ? [] : [{ in: 'body', field, message: `unknown organization "${org}"` }];
}

/** `floors`: the frequency floors from the settings (reminders closer together are refused). */
export function createBodyErrors(body: CreateRequestBody, requester: OrgId, directory: Directory, nowMs: number, floors: Floors, stages?: KnownStages): FieldError[] {
  const errors: FieldError[] = [];
  body.tembusan.forEach((org, i) => {
    errors.push(...unknownOrg(directory, org, `tembusan[${i}]`));
    if (body.tembusan.indexOf(org) !== i) errors.push({ in: 'body', field: `tembusan[${i}]`, message: `"${org}" is listed twice` });
  });
  body.steps.forEach((step, s) => {
    const at = `steps[${s}]`;
    step.participants.forEach((org, i) => {
      errors.push(...unknownOrg(directory, org, `${at}.participants[${i}]`));
      if (step.participants.indexOf(org) !== i) errors.push({ in: 'body', field: `${at}.participants[${i}]`, message: `"${org}" is listed twice` });
      const ownSeat = requesterSeatRefusal(requester, [org]);
      if (ownSeat) errors.push({ in: 'body', field: `${at}.participants[${i}]`, message: ownSeat });
    });
    const policyError = validatePolicy(step.policy, step.participants.length);
    if (policyError) errors.push({ in: 'body', field: `${at}.policy.min`, message: policyError });
    errors.push(...deadlineErrors(step.deadline, `${at}.deadline`, nowMs, stages));
    errors.push(...reminderFloorErrors(step.reminders, at, floors));
  });
  return errors;
}

/**
 * The workflow input. `requester` and `createdBy` come from the token only (docs/ARCHITECTURE.md#http-contract-and-identity: the
 * caller's organization never comes from the body); an admin creates for its own organization too.
 */
export function toWorkflowInput(id: string, body: CreateRequestBody, caller: Actor, directory: Directory, nowMs: number, floors: Floors, stages?: KnownStages): CoordinationRequestInput {
  const errors = createBodyErrors(body, caller.org, directory, nowMs, floors, stages);
  if (errors.length) throw validationProblem(errors);
  return {
    id,
    requester: caller.org,
    title: body.title,
    description: body.description,
    category: body.category,
    tembusan: body.tembusan,
    steps: body.steps.map((s) => ({
      ...(s.name !== undefined ? { name: s.name } : {}),
      participants: s.participants,
      policy: s.policy,
      deadline: s.deadline,
      ...(s.reminders ? { reminders: Object.fromEntries(Object.entries(s.reminders).filter(([, v]) => v !== undefined)) } : {}),
    })),
    workingHours: body.workingHours,
    expireAfter: body.expireAfter,
    ...(body.letter ? { letter: body.letter } : {}),
    createdBy: { sub: caller.sub, org: caller.org, roles: caller.roles },
  };
}
