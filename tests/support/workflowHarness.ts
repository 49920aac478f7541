/**
 * A worker over the real workflow and real directory/calendar/records activities (records in a
 * fresh database on the tests' PostgreSQL unless one is given), with notification delivery
 * replaced by a recorder, for workflow tests on a real Temporal server.
 */
import path from 'node:path';
import pino from 'pino';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities';
import type { CoordinationActivities } from '../../activities/types';
import { workflowSource } from './workflowBundle';
import { loadConfig, type Config } from '../../src/config';
import { loadDirectory, type Directory } from '../../src/directory/directory';
import type { Channel, CoordinationRequestInput, DeliveryResult, NotificationMessage, StepInput } from '../../src/domain/types';
import type { RecordsDb } from '../../src/records/database';
import { runWithPresence } from '../../src/records/presence';
import { testDatabase } from './postgres';

export const directory: Directory = loadDirectory(path.resolve(__dirname, '..', '..', 'config', 'organizations.json'));

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}

export interface DeliveryCall {
  message: NotificationMessage;
  channel: Channel;
}

export function recordingDeliver(): { calls: DeliveryCall[]; deliver: (m: NotificationMessage, c: Channel) => Promise<DeliveryResult> } {
  const calls: DeliveryCall[] = [];
  return {
    calls,
    deliver: async (message, channel) => {
      calls.push({ message, channel });
      return { channel, outcome: 'delivered' };
    },
  };
}

let queueCounter = 0;

/** A worker on a fresh task queue of the environment, with recorded notifications. */
export async function startWorker(
  env: TestWorkflowEnvironment,
  opts: {
    config?: Config;
    directory?: Directory;
    records?: RecordsDb;
    deliver?: (m: NotificationMessage, c: Channel) => Promise<DeliveryResult>;
    /** Wraps the real activities (e.g. a slow or failing local activity, to force a window). */
    wrap?: (activities: CoordinationActivities) => CoordinationActivities;
  } = {},
) {
  const taskQueue = `test-${process.pid}-${++queueCounter}`;
  const recorder = recordingDeliver();
  const own = opts.records ? undefined : await testDatabase();
  const records = opts.records ?? own!.db;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    ...workflowSource(),
    activities: (opts.wrap ?? ((a) => a))(
      createActivities({
        config: opts.config ?? testConfig(),
        directory: opts.directory ?? directory,
        logger: pino({ level: 'silent' }),
        records,
        deliver: opts.deliver ?? recorder.deliver,
      }),
    ),
  });
  const running = runWithPresence(worker, records, taskQueue);
  return {
    worker,
    taskQueue,
    calls: recorder.calls,
    records,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await own?.drop();
    },
  };
}

let idCounter = 0;
export const uniqueId = (prefix = 'req'): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++idCounter}`;

export function requestInput(overrides: Partial<CoordinationRequestInput> & { steps?: StepInput[] } = {}): CoordinationRequestInput {
  return {
    id: uniqueId(),
    requester: 'kpu-sumbawa',
    title: 'Fasilitasi gudang logistik Pilkada',
    description: 'Permohonan pinjam pakai gudang untuk logistik pemilihan.',
    category: 'FACILITIES',
    tembusan: ['kpu-ntb'],
    workingHours: false,
    expireAfter: null,
    createdBy: { sub: 'alice', org: 'kpu-sumbawa', roles: ['staff'] },
    steps: [
      {
        participants: ['pemkab-sumbawa', 'bawaslu-sumbawa'],
        policy: { type: 'ALL' },
        deadline: { kind: 'DURATION', duration: 'P3D' },
        reminders: { before: ['P2D', 'P1D'], atDeadline: true, repeatEvery: 'P1D', escalateAfter: 'PT36H' },
      },
    ],
    ...overrides,
  };
}

export const actor = (org: string, sub = `user-${org}`, roles: string[] = ['staff']) => ({ sub, org, roles });

/** Polls `check` until it stops throwing (notifications are delivered after the update returns). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
