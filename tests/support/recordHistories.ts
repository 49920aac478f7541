/**
 * Records workflow histories of representative scenarios into tests/histories/, for the replay
 * test. Run `npm run record-histories` after a deliberate, versioned change of workflow code and
 * commit the new files beside the old ones (old histories must keep replaying).
 * `npm run record-histories -- NAME [NAME…]` records only the named scenarios (for a new path
 * whose older scenarios already have histories of the current code).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import path from 'node:path';
import { coordinationWorkflow, scheduledRequestWorkflow } from '../../workflows';
import { cancelUpdate, decideExtensionUpdate, delegateUpdate, extendDeadlineUpdate, markConditionMetUpdate, readyUpdate, requestExtensionUpdate, reresolveStageUpdate, respondUpdate, reviseUpdate, stateQuery, workflowIdFor } from '../../workflows/messages';
import globalSetup, { stopSharedPostgres } from './globalSetup';
import { timeSkippingEnv } from './temporalEnv';
import { actor, requestInput, startWorker, testConfig } from './workflowHarness';

const DAY = 24 * 3600_000;

async function main(): Promise<void> {
  await globalSetup();
  const env = await timeSkippingEnv();
  // A copy of the election schedule that a scenario may revise while its request runs.
  const stagesFile = path.join(mkdtempSync(path.join(tmpdir(), 'record-stages-')), 'stages.json');
  const shippedStages = readFileSync(path.resolve(__dirname, '..', '..', 'config', 'stages.json'), 'utf8');
  writeFileSync(stagesFile, shippedStages);
  const w = await startWorker(env, { config: testConfig({ STAGES_PATH: stagesFile }) });
  const out = path.resolve(__dirname, '..', 'histories');
  // Date and time, so a second recording on the same day never overwrites the first.
  const stamp = new Date().toISOString().slice(0, 16).replace(':', '');
  try {
    const scenarios: Record<string, (id: string) => Promise<string>> = {
      'reminders-escalation-two-steps': async (id) => {
        const input = requestInput({
          id,
          steps: [
            { participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' }, reminders: { before: ['P2D', 'P1D'], atDeadline: true, repeatEvery: 'P1D', escalateAfter: 'PT36H' } },
            { participants: ['kpu-ntb', 'dkpp'], policy: { type: 'QUORUM', min: 1 }, deadline: { kind: 'WORKING_DAYS', days: 2 } },
          ],
        });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.executeUpdate(readyUpdate);
        await env.sleep(1.5 * DAY);
        // Through a personal email link (the timeline records the address).
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa', 'email:kesbangpol@pemkab-sumbawa.example'), organization: 'pemkab-sumbawa', decision: 'APPROVE', via: { emailLink: 'kesbangpol@pemkab-sumbawa.example' } }] });
        await env.sleep(3.5 * DAY);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('dkpp'), organization: 'dkpp', decision: 'APPROVE' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'revision-delegation-extension-cancel': async (id) => {
        const input = requestInput({ id, workingHours: true, expireAfter: 'P10D' });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.executeUpdate(readyUpdate);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'REQUEST_CHANGES', comment: 'Perbaiki' }] });
        await h.executeUpdate(reviseUpdate, { args: [{ actor: actor('kpu-sumbawa'), comment: 'Sudah' }] });
        await h.executeUpdate(delegateUpdate, { args: [{ actor: actor('pemkab-sumbawa'), from: 'pemkab-sumbawa', to: 'pemprov-ntb' }] });
        await env.sleep(2 * DAY);
        await h.executeUpdate(extendDeadlineUpdate, { args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'DURATION', duration: 'P5D' } }] });
        await env.sleep(2 * DAY);
        await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'Batal' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      // The official letter and attachment references in the input, more attachments with a revision.
      'letter-attachments-revision': async (id) => {
        const att = (n: number, type: 'application/pdf' | 'image/png') => ({ id: `att-${String(n).repeat(32)}`, name: `lampiran-${n}`, type, size: 1000 + n, sha256: String(n).repeat(64) });
        const input = {
          ...requestInput({ id }),
          letter: { number: '123/PP.01.2-SD/5204/2026', date: '2026-11-30', subject: 'Pinjam pakai gudang', classification: 'SEGERA' as const, srikandiUrl: 'https://srikandi.arsip.go.id/n/123' },
          attachments: [att(1, 'application/pdf')],
        };
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.executeUpdate(readyUpdate);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'REQUEST_CHANGES', comment: 'Lampirkan denah' }] });
        await h.executeUpdate(reviseUpdate, { args: [{ actor: actor('kpu-sumbawa'), comment: 'Denah terlampir', attachments: [att(2, 'image/png')] }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
        const state = await h.result();
        if (state.attachments?.map((a) => a.revision).join() !== '1,2') throw new Error(`unexpected attachments: ${JSON.stringify(state.attachments)}`);
        return h.firstExecutionRunId;
      },
      'requester-moves-seats-changes-requested': async (id) => {
        const input = requestInput({
          id,
          requester: 'kpu-ntb',
          createdBy: actor('kpu-ntb'),
          tembusan: [],
          steps: [{ participants: ['pemprov-ntb', 'bawaslu-ntb'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P3D' } }],
        });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.executeUpdate(readyUpdate);
        // Refused in the handler, after the directory lookup: kpu-sumbawa is under the requester.
        await h.executeUpdate(delegateUpdate, { args: [{ actor: actor('kpu-ntb'), from: 'bawaslu-ntb', to: 'kpu-sumbawa', comment: 'bawahan' }] }).catch(() => undefined);
        // Accepted: the holder bawaslu-ntb and its parent bawaslu-ri are told.
        await h.executeUpdate(delegateUpdate, { args: [{ actor: actor('kpu-ntb'), from: 'bawaslu-ntb', to: 'pemkab-sumbawa', comment: 'Gudang milik pemkab' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'REQUEST_CHANGES', comment: 'kpu-ri: lampirkan denah' }] });
        await h.executeUpdate(reviseUpdate, { args: [{ actor: actor('kpu-ntb'), comment: 'Sudah' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemprov-ntb'), organization: 'pemprov-ntb', decision: 'APPROVE' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'two-zones-working-hours': async (id) => {
        const input = requestInput({
          id,
          workingHours: true,
          steps: [
            { participants: ['pemkab-sumbawa', 'dkpp'], policy: { type: 'ALL' }, deadline: { kind: 'DURATION', duration: 'P2D' }, reminders: { before: ['P1D'], atDeadline: true, repeatEvery: 'P1D', escalateAfter: 'P1D' } },
            { participants: ['kpu-ntb'], policy: { type: 'ALL' }, deadline: { kind: 'WORKING_DAYS', days: 2 } },
          ],
        });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.executeUpdate(readyUpdate);
        await env.sleep(3.5 * DAY);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('dkpp'), organization: 'dkpp', decision: 'APPROVE' }] });
        await h.executeUpdate(extendDeadlineUpdate, { args: [{ actor: actor('kpu-sumbawa'), deadline: { kind: 'WORKING_DAYS', days: 5 } }] });
        await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'Batal' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'conditions-met-after-approval': async (id) => {
        const input = requestInput({ id });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.executeUpdate(readyUpdate);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE', conditions: ['Sertakan surat kuasa', 'Gudang dikosongkan sesudahnya'] }] });
        // Met early, while the request is still open.
        await h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('kpu-sumbawa'), conditionId: 'c1', comment: 'Surat kuasa dikirim' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
        // Approved, waiting for the last condition for days (no reminders), then met.
        await env.sleep(4 * DAY);
        await h.executeUpdate(markConditionMetUpdate, { args: [{ actor: actor('kpu-sumbawa'), conditionId: 'c2', comment: 'Disepakati' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'extension-granted-for-seat': async (id) => {
        // A history limit small enough that the seat's own plan crosses a continue-as-new.
        const input = requestInput({ id, workingHours: true, options: { continueAsNewAfterEvents: 150 } });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        const t0 = Date.parse((await h.executeUpdate(readyUpdate)).steps[0].activatedAt!);
        await env.sleep(0.5 * DAY);
        await h.executeUpdate(requestExtensionUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', until: new Date(t0 + 6 * DAY).toISOString(), reason: 'Menunggu rapat pimpinan' }] });
        // Reminders continue while the ask waits; then it is granted for this seat only.
        await env.sleep(1 * DAY);
        await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actor('kpu-sumbawa'), extensionId: 'e1', decision: 'GRANT_SEAT' }] });
        await env.sleep(6.5 * DAY);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'extension-seat-delegated': async (id) => {
        // The seat's own plan goes to the new holder when the seat is delegated.
        const input = requestInput({ id });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        const t0 = Date.parse((await h.executeUpdate(readyUpdate)).steps[0].activatedAt!);
        await env.sleep(0.5 * DAY);
        await h.executeUpdate(requestExtensionUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', until: new Date(t0 + 6 * DAY).toISOString(), reason: 'Menunggu rapat pimpinan' }] });
        await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actor('kpu-sumbawa'), extensionId: 'e1', decision: 'GRANT_SEAT' }] });
        await env.sleep(4.4 * DAY);
        await h.executeUpdate(delegateUpdate, { args: [{ actor: actor('pemkab-sumbawa'), from: 'pemkab-sumbawa', to: 'pemprov-ntb' }] });
        await env.sleep(1.5 * DAY);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemprov-ntb'), organization: 'pemprov-ntb', decision: 'APPROVE' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'extension-lapses': async (id) => {
        // Two waiting asks: one lapses when its seat answers, the other when its seat is delegated.
        const input = requestInput({ id });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        const t0 = Date.parse((await h.executeUpdate(readyUpdate)).steps[0].activatedAt!);
        for (const org of ['pemkab-sumbawa', 'bawaslu-sumbawa']) {
          await h.executeUpdate(requestExtensionUpdate, { args: [{ actor: actor(org), organization: org, until: new Date(t0 + 6 * DAY).toISOString(), reason: 'Rapat pimpinan' }] });
        }
        await env.sleep(0.5 * DAY);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(delegateUpdate, { args: [{ actor: actor('kpu-sumbawa'), from: 'bawaslu-sumbawa', to: 'bawaslu-ntb', comment: 'Ditangani provinsi' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-ntb'), organization: 'bawaslu-ntb', decision: 'APPROVE' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'extension-declined-then-granted-for-step': async (id) => {
        const input = requestInput({ id });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        const t0 = Date.parse((await h.executeUpdate(readyUpdate)).steps[0].activatedAt!);
        const ask = (reason: string) => ({ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', until: new Date(t0 + 5 * DAY).toISOString(), reason });
        await h.executeUpdate(requestExtensionUpdate, { args: [ask('Rapat pleno')] });
        await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actor('kpu-sumbawa'), extensionId: 'e1', decision: 'DECLINE', reason: 'Jadwal tetap' }] });
        await env.sleep(1.5 * DAY);
        await h.executeUpdate(requestExtensionUpdate, { args: [ask('Rapat pleno diundur')] });
        await h.executeUpdate(decideExtensionUpdate, { args: [{ actor: actor('kpu-sumbawa'), extensionId: 'e2', decision: 'GRANT_STEP' }] });
        await env.sleep(2 * DAY);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'expiry-and-continue-as-new': async (id) => {
        const input = requestInput({
          id,
          expireAfter: 'PT20H',
          options: { continueAsNewAfterEvents: 120 },
          steps: [{ participants: ['pemkab-sumbawa'], policy: { type: 'ANY' }, deadline: { kind: 'DURATION', duration: 'PT2H' }, reminders: { before: ['PT1H'], atDeadline: true, repeatEvery: 'PT1H', escalateAfter: 'PT3H' } }],
        });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.result();
        return h.firstExecutionRunId;
      },
      'stage-deadline-reresolved': async (id) => {
        const input = requestInput({
          id,
          steps: [
            { participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'], policy: { type: 'ALL' }, deadline: { kind: 'STAGE', stage: 'penetapan-dpt', offsetWorkingDays: -5 }, reminders: { before: ['P1D'], atDeadline: true, repeatEvery: null, escalateAfter: null } },
            { participants: ['kpu-ntb'], policy: { type: 'ALL' }, deadline: { kind: 'STAGE', stage: 'pemungutan-suara', offsetWorkingDays: -10 } },
          ],
        });
        const h = await env.client.workflow.start(coordinationWorkflow, { taskQueue: w.taskQueue, workflowId: workflowIdFor(id), args: [input] });
        await h.executeUpdate(readyUpdate);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('pemkab-sumbawa'), organization: 'pemkab-sumbawa', decision: 'APPROVE' }] });
        // KPU moves the voter-list determination two weeks later; an admin carries it in.
        const stages = JSON.parse(shippedStages) as { stages: Array<{ id: string; date: string }> };
        const dpt = stages.stages.find((s) => s.id === 'penetapan-dpt')!;
        dpt.date = new Date(Date.parse(`${dpt.date}T00:00:00Z`) + 14 * DAY).toISOString().slice(0, 10);
        writeFileSync(stagesFile, JSON.stringify(stages));
        const admin = actor('kpu-ri', 'admin', ['staff', 'admin']);
        await h.executeUpdate(reresolveStageUpdate, { args: [{ actor: admin, stage: 'penetapan-dpt' }] });
        await h.executeUpdate(reresolveStageUpdate, { args: [{ actor: admin, stage: 'pemungutan-suara' }] });
        await env.sleep(Date.parse((await h.query(stateQuery)).steps[0].deadline!) - (await env.currentTimeMs()) - 0.5 * DAY);
        await h.executeUpdate(respondUpdate, { args: [{ actor: actor('bawaslu-sumbawa'), organization: 'bawaslu-sumbawa', decision: 'APPROVE' }] });
        await h.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'Selesai direkam' }] });
        await h.result();
        writeFileSync(stagesFile, shippedStages);
        return h.firstExecutionRunId;
      },
      'scheduled-occurrence-on-cuti-bersama': async (id) => {
        // A schedule that skips holidays; the worker's calendar has today as cuti bersama (added
        // after the schedule was planned): the occurrence checks its day and starts nothing.
        const today = new Date(await env.currentTimeMs()).toLocaleDateString('en-CA', { timeZone: 'Asia/Makassar' });
        const holidayWorker = await startWorker(env, { config: testConfig({ STAGES_PATH: stagesFile, CUTI_BERSAMA: today }) });
        try {
          const { id: _unused, createdBy, ...template } = requestInput();
          void _unused;
          const h = await env.client.workflow.start(scheduledRequestWorkflow, {
            taskQueue: holidayWorker.taskQueue,
            workflowId: workflowIdFor(id),
            args: [{ scheduleId: 'sc-0123456789abcdef0123456789abcdef', template, createdBy, skipHolidaysIn: 'Asia/Makassar' }],
          });
          if ((await h.result()) !== null) throw new Error(`expected no request on ${today} (cuti bersama)`);
          return h.firstExecutionRunId;
        } finally {
          await holidayWorker.stop();
        }
      },
      'scheduled-occurrence': async (id) => {
        // Started directly, as a Schedule would start it (the time-skipping server has no Schedules);
        // the request it starts is recorded beside it.
        const { id: _unused, createdBy, ...template } = requestInput();
        void _unused;
        const h = await env.client.workflow.start(scheduledRequestWorkflow, {
          taskQueue: w.taskQueue,
          workflowId: workflowIdFor(id),
          args: [{ scheduleId: 'sc-0123456789abcdef0123456789abcdef', template, createdBy }],
        });
        const requestId = (await h.result())!;
        const child = env.client.workflow.getHandle(workflowIdFor(requestId));
        await child.executeUpdate(readyUpdate);
        await child.executeUpdate(cancelUpdate, { args: [{ actor: actor('kpu-sumbawa'), reason: 'Rapat ditiadakan' }] });
        await child.result();
        writeFileSync(path.join(out, `${stamp}-scheduled-occurrence-request-1.json`), historyToJSON(await child.fetchHistory()));
        return h.firstExecutionRunId;
      },
    };
    const only = process.argv.slice(2);
    const unknown = only.filter((name) => !(name in scenarios));
    if (unknown.length > 0) throw new Error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
    for (const [name, run] of Object.entries(scenarios)) {
      if (only.length > 0 && !only.includes(name)) continue;
      const id = `replay-${name}`;
      const firstRunId = await run(id);
      // Every run of the chain (continue-as-new) is a history of its own: follow the chain.
      let runId: string | undefined = firstRunId;
      const histories = [];
      while (runId) {
        const history = await env.client.workflow.getHandle(workflowIdFor(id), runId).fetchHistory();
        histories.push(history);
        runId = history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
      }
      histories.forEach((h, i) => writeFileSync(path.join(out, `${stamp}-${name}-${i + 1}.json`), historyToJSON(h)));
      console.log(`${name}: ${histories.length} run(s)`);
    }
  } finally {
    await w.stop();
    await env.teardown();
    await stopSharedPostgres();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
