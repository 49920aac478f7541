/**
 * The request page's forms for conditions of approval and asks for more time. Each runs through
 * the page's one form pipeline (requestPage.ts: CSRF, the API's body schema, the API's
 * authorization rules, the same workflow update as the API, POST/redirect/GET).
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { decideExtensionUpdate, markConditionMetUpdate, requestExtensionUpdate } from '../../../workflows/messages';
import { accessFromState } from '../../api/access';
import { mayAskForMoreTime, mayDecideOnMoreTime, mayMarkConditionMet } from '../../api/actionRules';
import { ProblemError } from '../../api/problem';
import { ConditionParamsSchema, DecideExtensionBodySchema, ExtensionParamsSchema, MarkConditionMetBodySchema, RequestExtensionBodySchema } from '../../api/schemas';
import type { CoordinationState } from '../../domain/types';
import type { WebServices } from '../context';
import { fromLocalInput } from '../i18n/dates';
import type { Viewer } from '../viewer';
import type { FormFailure } from '../views/requestView';

type FormName = FormFailure['form'];

/** The page's form pipeline (see requestPage.ts). */
export type FormAction = <S extends z.ZodType, Arg>(
  form: FormName,
  path: string,
  schema: S,
  fields: readonly string[],
  def: UpdateDefinition<CoordinationState, [Arg]>,
  /** May be async, and may read the request itself (a form's files: routes/uploads.ts). */
  toUpdate: (body: z.infer<S>, viewer: Viewer, state: CoordinationState, req: Request, res: Response) => Arg | Promise<Arg>,
  mapFields?: (raw: Record<string, string>, zone: string) => unknown,
) => void;

/** The respond form's conditions box: one condition per non-blank line. */
export function conditionLines(raw: Record<string, string>): unknown {
  const { conditions, ...rest } = raw;
  const lines = (conditions ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.length ? { ...rest, conditions: lines } : rest;
}

/** Conditions and asks for more time are staff work, not an email link's. */
function requireUser(viewer: Viewer): void {
  if (viewer.kind !== 'user') throw new ProblemError('forbidden', 'only signed-in staff may do this');
}

const MarkMetFormSchema = MarkConditionMetBodySchema.extend({ conditionId: ConditionParamsSchema.shape.conditionId });
const DecideFormSchema = DecideExtensionBodySchema.safeExtend({ extensionId: ExtensionParamsSchema.shape.extensionId });

export function answerForms(action: FormAction, { directory }: WebServices): void {
  action('conditionMet', 'condition-met', MarkMetFormSchema, ['conditionId', 'comment'], markConditionMetUpdate, (body, viewer, state) => {
    requireUser(viewer);
    mayMarkConditionMet(viewer.actor, accessFromState(state), directory);
    return { actor: viewer.actor, conditionId: body.conditionId, comment: body.comment };
  });

  action(
    'askExtension',
    'extension-request',
    RequestExtensionBodySchema,
    ['until', 'reason'],
    requestExtensionUpdate,
    (body, viewer, state) => {
      requireUser(viewer);
      const organization = mayAskForMoreTime(viewer.actor, accessFromState(state), directory);
      return { actor: viewer.actor, organization, until: new Date(body.until).toISOString(), reason: body.reason };
    },
    // The date is typed in the viewer's own zone.
    (raw, zone) => ({ until: fromLocalInput(raw.until ?? '', zone), ...(raw.reason ? { reason: raw.reason } : {}) }),
  );

  action('decideExtension', 'extension-decision', DecideFormSchema, ['extensionId', 'decision', 'reason'], decideExtensionUpdate, (body, viewer, state) => {
    requireUser(viewer);
    mayDecideOnMoreTime(viewer.actor, accessFromState(state), directory);
    return { actor: viewer.actor, extensionId: body.extensionId, decision: body.decision, ...(body.reason ? { reason: body.reason } : {}) };
  });
}
