/**
 * Asking for more time on the time-skipping server: while an ask waits reminders continue; granted
 * for one seat, that seat's reminders, overdue flag and escalation follow its new date while the
 * other seat keeps the step's (across continue-as-new too); declined, nothing moves; granted for
 * the step, the whole step's schedule moves like a deadline extension; a seat with its own date that
 * is delegated keeps the date, and its next reminder goes to the new holder.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { coordinationWorkflow } from '../../workflows';
import { cancelUpdate, decideExtensionUpdate, delegateUpdate, readyUpdate, requestExtensionUpdate, respondUpdate, stateQuery, timelineQuery, workflowIdFor } from '../../workflows/messages';
import type { TimelineEvent } from '../../src/domain/types';
import { timeSkippingEnv } from '../support/temporalEnv';
import { actor, eventually, requestInput, startWorker } from '../support/workflowHarness';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(err)}`);
  return (err.cause as Error).message;
}

/** Reminders and escalations as (hours after the step started, label, who). */
function reminders(timeline: TimelineEvent[], t0: number) {
  return timeline
    .filter((e) => e.kind === 'REMINDER_SENT' || e.kind === 'ESCALATED')
    .map((e) => {
      const d = e.data as { label?: string; recipients?: string[]; silent?: string[] };
      return [Math.round((Date.parse(e.at) - t0) / HOUR), e.kind === 'ESCALATED' ? 'ESC' : d.label, (e.kind === 'ESCALATED' ? d.silent : d.recipients)!.join(',')] as const;
    })
    .sort((a, b) => a[0] - b[0] || a[2].localeCompare(b[2]));
}

/** A request (by default requestInput's) started and set up; t0 is when its first step began. */
async function startRequest(taskQueue: string, input = requestInput()) {
  const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue, workflowId: workflowIdFor(input.id), args: [input] });
  return { h, t0: Date.parse((await h.executeUpdate(readyUpdate)).steps[0].activatedAt!) };
}

const ask = (org: string, until: number, reason = 'Menunggu rapat pimpinan') => ({ actor: actor(org), organization: org, until: new Date(until).toISOString(), reason });
const decide = (decision: 'GRANT_SEAT' | 'GRANT_STEP' | 'DECLINE', reason?: string) => ({ actor: actor('kpu-sumbawa'), extensionId: 'e1', decision, ...(reason ? { reason } : {}) });

test('granted for one seat: that seat\'s reminders, overdue and escalation move to its date; the other seat\'s do not', async () => {
  const w = await startWorker(env);
  try {
    // A small history limit: the seat's own plan must survive continue-as-new.
    const { h, t0 } = await startRequest(w.taskQueue, requestInput({ options: { continueAsNewAfterEvents: 150 } }));

    await env.sleep(12 * HOUR);
    const asked = await h.executeUpdate(requestExtensionUpdate, { args: [ask('pemkab-sumbawa', t0 + 6 * DAY)] });
    expect(asked.extensions).toEqual([expect.objectContaining({ id: 'e1', org: 'pemkab-sumbawa', status: 'PENDING', until: new Date(t0 + 6 * DAY).toISOString() })]);
    expect(await refusal(h.executeUpdate(requestExtensionUpdate, { args: [ask('pemkab-sumbawa', t0 + 7 * DAY)] }))).toMatch(/already has an ask/);
    expect(await refusal(h.executeUpdate(requestExtensionUpdate, { args: [{ ...ask('pemkab-sumbawa', t0 + 7 * DAY), actor: actor('kpu-sumbawa') }] }))).toMatch(/only for its own seat/);
    await eventually(() => expect(w.calls.filter((c) => c.message.kind === 'EXTENSION_REQUESTED').map((c) => [c.message.recipient, c.message.extension?.org])).toEqual([['kpu-sumbawa', 'pemkab-sumbawa']]));

    // While it waits, reminders continue (H-2 at 24 h to both).
    await env.sleep(24 * HOUR);
    expect(await refusal(h.executeUpdate(decideExtensionUpdate, { args: [{ ...decide('GRANT_SEAT'), actor: actor('pemkab-sumbawa') }] }))).toMatch(/only the requester/);
    const granted = await h.executeUpdate(decideExtensionUpdate, { args: [decide('GRANT_SEAT', 'Silakan')] });
    expect(granted.extensions![0]).toMatchObject({ status: 'GRANTED', scope: 'SEAT', decidedBy: { org: 'kpu-sumbawa' }, decisionReason: 'Silakan' });
    expect(granted.steps[0].participants.map((p) => [p.org, p.deadline])).toEqual([
      ['pemkab-sumbawa', new Date(t0 + 6 * DAY).toISOString()],
      ['bawaslu-sumbawa', undefined],
    ]);
    expect(granted.steps[0].deadline).toBe(new Date(t0 + 3 * DAY).toISOString());

    await env.sleep(7.6 * DAY - 36 * HOUR);
    const state = await h.query(stateQuery);
    expect(state.generation).toBeGreaterThan(0); // it continued as new on the way
    expect(state.steps[0].overdue).toBe(true);
    const timeline = await h.query(timelineQuery);
    expect(reminders(timeline, t0)).toEqual([
      [24, 'H-2', 'pemkab-sumbawa,bawaslu-sumbawa'],
      // bawaslu-sumbawa: the step's schedule (deadline at 72 h).
      [48, 'H-1', 'bawaslu-sumbawa'],
      [72, 'H', 'bawaslu-sumbawa'],
      [96, 'H+1', 'bawaslu-sumbawa'],
      // pemkab-sumbawa: its own (deadline at 144 h).
      [96, 'H-2', 'pemkab-sumbawa'],
      [108, 'ESC', 'bawaslu-sumbawa'],
      [120, 'H+2', 'bawaslu-sumbawa'],
      [120, 'H-1', 'pemkab-sumbawa'],
      [144, 'H+3', 'bawaslu-sumbawa'],
      [144, 'H', 'pemkab-sumbawa'],
      [168, 'H+4', 'bawaslu-sumbawa'],
      [168, 'H+1', 'pemkab-sumbawa'],
      [180, 'ESC', 'pemkab-sumbawa'],
    ]);
    const overdue = timeline.filter((e) => e.kind === 'OVERDUE').map((e) => [Math.round((Date.parse(e.at) - t0) / HOUR), e.org ?? null]);
    expect(overdue).toEqual([
      [72, null],
      [144, 'pemkab-sumbawa'],
    ]);
    expect(timeline.filter((e) => e.kind.startsWith('EXTENSION_')).map((e) => [e.kind, e.org, e.data?.scope ?? null])).toEqual([
      ['EXTENSION_REQUESTED', 'pemkab-sumbawa', null],
      ['EXTENSION_GRANTED', 'pemkab-sumbawa', 'SEAT'],
    ]);
    // The seat's mails show its own deadline; the asker was told of the grant.
    await eventually(() => {
      const seatMails = w.calls.filter((c) => c.message.recipient === 'pemkab-sumbawa' && c.message.kind.startsWith('REMINDER_') && c.message.seatDeadline);
      expect(seatMails.length).toBeGreaterThanOrEqual(4);
      expect(w.calls.filter((c) => c.message.kind === 'EXTENSION_GRANTED').map((c) => [c.message.recipient, c.message.seatDeadline])).toEqual([['pemkab-sumbawa', new Date(t0 + 6 * DAY).toISOString()]]);
    });

    await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
    await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
    expect((await h.result()).status).toBe('APPROVED');
  } finally {
    await w.stop();
  }
});

test('declined: nothing moves, the asker is told why, and may ask again', async () => {
  const w = await startWorker(env);
  try {
    const { h, t0 } = await startRequest(w.taskQueue);
    await h.executeUpdate(requestExtensionUpdate, { args: [ask('pemkab-sumbawa', t0 + 6 * DAY)] });
    expect(await refusal(h.executeUpdate(decideExtensionUpdate, { args: [decide('DECLINE')] }))).toMatch(/needs a reason/);
    const declined = await h.executeUpdate(decideExtensionUpdate, { args: [decide('DECLINE', 'Jadwal pleno tidak dapat digeser')] });
    expect(declined.extensions![0]).toMatchObject({ status: 'DECLINED', decisionReason: 'Jadwal pleno tidak dapat digeser' });
    expect(declined.steps[0].participants[0].deadline).toBeUndefined();
    expect(await refusal(h.executeUpdate(decideExtensionUpdate, { args: [decide('GRANT_SEAT')] }))).toMatch(/already decided/);
    await eventually(() => expect(w.calls.filter((c) => c.message.kind === 'EXTENSION_DECLINED').map((c) => [c.message.recipient, c.message.comment])).toEqual([['pemkab-sumbawa', 'Jadwal pleno tidak dapat digeser']]));

    await env.sleep(3.5 * DAY);
    const timeline = await h.query(timelineQuery);
    expect(reminders(timeline, t0)).toEqual([
      [24, 'H-2', 'pemkab-sumbawa,bawaslu-sumbawa'],
      [48, 'H-1', 'pemkab-sumbawa,bawaslu-sumbawa'],
      [72, 'H', 'pemkab-sumbawa,bawaslu-sumbawa'],
    ]);
    const again = await h.executeUpdate(requestExtensionUpdate, { args: [ask('pemkab-sumbawa', t0 + 6 * DAY, 'Mohon sekali lagi')] });
    expect(again.extensions!.map((e) => [e.id, e.status])).toEqual([
      ['e1', 'DECLINED'],
      ['e2', 'PENDING'],
    ]);
    expect(timeline.filter((e) => e.kind.startsWith('EXTENSION_')).map((e) => [e.kind, e.comment])).toEqual([
      ['EXTENSION_REQUESTED', 'Menunggu rapat pimpinan'],
      ['EXTENSION_DECLINED', 'Jadwal pleno tidak dapat digeser'],
    ]);
    // Closed, so the shared time-skipping server never waits for this request's timers.
    await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] });
    await h.result();
  } finally {
    await w.stop();
  }
});

test('granted for the step: the whole step\'s deadline and schedule move; the others are told', async () => {
  const w = await startWorker(env);
  try {
    const { h, t0 } = await startRequest(w.taskQueue);
    await env.sleep(12 * HOUR);
    await h.executeUpdate(requestExtensionUpdate, { args: [ask('pemkab-sumbawa', t0 + 5 * DAY)] });
    const granted = await h.executeUpdate(decideExtensionUpdate, { args: [decide('GRANT_STEP')] });
    expect(granted.steps[0]).toMatchObject({ deadline: new Date(t0 + 5 * DAY).toISOString(), deadlineSpec: { kind: 'AT', at: new Date(t0 + 5 * DAY).toISOString() }, overdue: false });
    expect(granted.steps[0].participants.every((p) => p.deadline === undefined)).toBe(true);
    await env.sleep(4 * DAY);
    const timeline = await h.query(timelineQuery);
    expect(reminders(timeline, t0)).toEqual([
      [72, 'H-2', 'pemkab-sumbawa,bawaslu-sumbawa'],
      [96, 'H-1', 'pemkab-sumbawa,bawaslu-sumbawa'],
    ]);
    expect(timeline.find((e) => e.kind === 'EXTENSION_GRANTED')?.data).toMatchObject({ scope: 'STEP', from: new Date(t0 + 3 * DAY).toISOString(), to: new Date(t0 + 5 * DAY).toISOString() });
    await eventually(() => {
      expect(w.calls.filter((c) => c.message.kind === 'EXTENSION_GRANTED').map((c) => c.message.recipient)).toEqual(['pemkab-sumbawa']);
      expect(w.calls.filter((c) => c.message.kind === 'DEADLINE_EXTENDED').map((c) => c.message.recipient)).toEqual(['bawaslu-sumbawa']);
    });
    await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] });
    await h.result();
  } finally {
    await w.stop();
  }
});

test('a seat with its own date that is delegated: the new holder gets the very next reminder of that date', async () => {
  const w = await startWorker(env);
  try {
    const { h, t0 } = await startRequest(w.taskQueue);
    await env.sleep(12 * HOUR);
    await h.executeUpdate(requestExtensionUpdate, { args: [ask('pemkab-sumbawa', t0 + 6 * DAY)] });
    await h.executeUpdate(decideExtensionUpdate, { args: [decide('GRANT_SEAT')] });

    // Delegated 2 h before the seat's H-1 (at 120 h), with no other wake of the run in between:
    // that H-1 is the first thing the new holder must get.
    await env.sleep(106 * HOUR);
    const moved = await h.executeUpdate(delegateUpdate, { args: [{ actor: actor('pemkab-sumbawa'), from: 'pemkab-sumbawa', to: 'pemprov-ntb' }] });
    expect(moved.steps[0].participants[0]).toMatchObject({ org: 'pemprov-ntb', delegatedFrom: ['pemkab-sumbawa'], deadline: new Date(t0 + 6 * DAY).toISOString() });
    await env.sleep(30 * HOUR);

    const seat = reminders(await h.query(timelineQuery), t0).filter(([, , who]) => who === 'pemkab-sumbawa' || who === 'pemprov-ntb');
    expect(seat).toEqual([
      [96, 'H-2', 'pemkab-sumbawa'],
      [120, 'H-1', 'pemprov-ntb'],
      [144, 'H', 'pemprov-ntb'],
    ]);
    await eventually(() => expect(w.calls.filter((c) => c.message.recipient === 'pemprov-ntb' && c.message.kind.startsWith('REMINDER_')).map((c) => c.message.seatDeadline)).toEqual([new Date(t0 + 6 * DAY).toISOString(), new Date(t0 + 6 * DAY).toISOString()]));
    await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] });
    await h.result();
  } finally {
    await w.stop();
  }
});

test('a waiting ask lapses when its seat answers or is delegated: nothing left to decide', async () => {
  const w = await startWorker(env);
  try {
    const { h, t0 } = await startRequest(w.taskQueue);
    await h.executeUpdate(requestExtensionUpdate, { args: [ask('pemkab-sumbawa', t0 + 6 * DAY)] });
    await h.executeUpdate(requestExtensionUpdate, { args: [ask('bawaslu-sumbawa', t0 + 6 * DAY)] });

    const answered = await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
    expect(answered.extensions!.map((e) => [e.id, e.status])).toEqual([
      ['e1', 'LAPSED'],
      ['e2', 'PENDING'],
    ]);
    expect(await refusal(h.executeUpdate(decideExtensionUpdate, { args: [decide('GRANT_SEAT')] }))).toMatch(/e1 lapsed: pemkab-sumbawa no longer waits/);

    const moved = await h.executeUpdate(delegateUpdate, { args: [{ actor: actor('kpu-sumbawa'), from: 'bawaslu-sumbawa', to: 'bawaslu-ntb', comment: 'Ditangani provinsi' }] });
    expect(moved.extensions!.map((e) => e.status)).toEqual(['LAPSED', 'LAPSED']);
    const lapsed = (await h.query(timelineQuery)).filter((e) => e.kind === 'EXTENSION_LAPSED').map((e) => [e.org, e.data?.extension, e.actor.sub]);
    expect(lapsed).toEqual([
      ['pemkab-sumbawa', 'e1', 'system'],
      ['bawaslu-sumbawa', 'e2', 'system'],
    ]);
    // The new holder may ask for itself.
    const again = await h.executeUpdate(requestExtensionUpdate, { args: [ask('bawaslu-ntb', t0 + 6 * DAY)] });
    expect(again.extensions!.at(-1)).toMatchObject({ id: 'e3', org: 'bawaslu-ntb', status: 'PENDING' });
    await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa') }] });
    const final = await h.result();
    expect(final.extensions!.map((e) => e.status)).toEqual(['LAPSED', 'LAPSED', 'LAPSED']);
  } finally {
    await w.stop();
  }
});
