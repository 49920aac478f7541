/**
 * Moving a seat to another organization (the `delegate` update): the seat's holder, the requester
 * or an admin hands it on (src/domain/seats.ts says who may); the new holder is asked, the old one
 * told, and the holder's parent learns of a move made on its behalf. The validator is
 * `delegateRefusal` (validators.ts).
 */
import { patched, setHandler } from '@temporalio/workflow';
import { delegationRefusal, movedOnBehalf } from '../src/domain/seats';
import type { AnswerParts } from './conditions';
import type { Extensions } from './extensions';
import { delegateUpdate } from './messages';
import type { Organizations } from './organizations';
import { PATCHES } from './patches';
import { refuse } from './refuse';
import { delegateRefusal, seatOf } from './validators';

export function installDelegation({ run, notifier, changed, context, refuseIf }: AnswerParts, orgs: Organizations, extensions: Pick<Extensions, 'delegated'>): void {
  const { state } = run;
  setHandler(
    delegateUpdate,
    async (input) => {
      const { actor, from, to, comment } = input;
      const rules = patched(PATCHES.delegationRules);
      const settle = patched(PATCHES.settleFirst);
      if (rules) await orgs.ensureAncestors(to);
      else await orgs.ensure([to]);
      // Everything below runs after the last await: checked again against the state as it is now
      // (the holder may have answered, the request closed, meanwhile).
      if (settle) refuseIf(delegateRefusal(state, input, context()));
      const { step, seat } = seatOf(state, from);
      if (!step || !seat || step.participants.some((p) => p.org === to)) refuse(`${from} no longer holds a seat that can be delegated to ${to}`);
      const refusal = rules ? delegationRefusal({ actor, requester: state.requester, from, to, comment, ancestorsOfTo: orgs.knownAncestors(to) }) : null;
      if (refusal) refuse(refusal.reason);
      seat!.delegatedFrom.push(from);
      seat!.org = to;
      extensions.delegated(step!.index, from, to);
      seat!.status = 'PENDING';
      delete seat!.comment;
      run.record('DELEGATED', actor, { step: step!.index, org: to, ...(comment ? { comment } : {}), data: { from, to } });
      // Moved by someone else (the requester, an admin): the holder's parent learns of it too.
      const holderParent = rules && movedOnBehalf({ actor, from }) ? orgs.parentOf(from) : undefined;
      if (step!.status === 'ACTIVE' || step!.status === 'CHANGES_REQUESTED') {
        notifier.notify(
          'DELEGATED',
          [{ org: to, role: 'PARTICIPANT' }, { org: from, role: 'PARTICIPANT' }, ...(holderParent ? [{ org: holderParent, role: 'SUPERVISOR' as const }] : [])],
          { delegation: { from, to }, actor, ...(rules && comment ? { comment } : {}) },
        );
      }
      changed();
      return state;
    },
    { validator: (i) => refuseIf(delegateRefusal(state, i, context())) },
  );
}
