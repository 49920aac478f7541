/**
 * The development outbox (no SMTP_URL) on the real file system: each mail holds a personal link
 * that answers for its recipient, so the folder is the worker's user's only (0700, also when an
 * older version made it 0755) and every file in it 0600 — mails (email channel) and the texts of
 * organizations without contacts (log channel) alike.
 */
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createNotificationActivities } from '../../activities/notifications/deliver';
import { notificationKey, type NotificationMessage } from '../../src/domain/types';
import { memoryLogger, testDirectory } from './support/harness';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'koordinasi-outbox-modes-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const directory = testDirectory({ 'bawaslu-sumbawa': { emails: ['sekretariat@bawaslu-sumbawa.example'] }, 'kpu-ntb': { emails: [] } });

const message = (kind: NotificationMessage['kind'], recipient: string): NotificationMessage => ({
  idempotencyKey: notificationKey('req-outbox-1', 0, recipient, kind, 1),
  kind,
  recipient,
  role: 'PARTICIPANT',
  sequence: 1,
  request: { id: 'req-outbox-1', title: 'Rapat koordinasi', requester: 'kpu-sumbawa', category: 'ALIGNMENT', revision: 1, status: 'IN_PROGRESS', step: 0, stepCount: 1, stepName: 'Rapat', deadline: '2026-12-10T08:00:00.000Z' },
});

const mode = async (p: string): Promise<number> => (await stat(p)).mode & 0o777;

test('the outbox folder is 0700 (also one made wider before) and its files 0600', async () => {
  const fresh = path.join(root, 'fresh');
  const older = path.join(root, 'older');
  await mkdir(older, { mode: 0o755 });
  for (const outboxDir of [fresh, older]) {
    const a = createNotificationActivities({ directory, publicBaseUrl: 'http://127.0.0.1:3000', mail: { from: 'x@y.example', outboxDir }, logger: memoryLogger().logger });
    await a.deliverNotification(message('REQUEST_CREATED', 'bawaslu-sumbawa'), 'email');
    await a.deliverNotification(message('ESCALATION', 'kpu-ntb'), 'log');
    expect(await mode(outboxDir)).toBe(0o700);
    const files = await readdir(outboxDir);
    expect(files).toHaveLength(2);
    for (const f of files) expect([f, await mode(path.join(outboxDir, f))]).toEqual([f, 0o600]);
  }
});
