/**
 * The native production stack (src/cluster/stack.ts) as a system under the reliability suite's
 * scripted load: PostgreSQL, the self-hosted Temporal server, two workers and two API instances,
 * in a temp folder on free loopback ports. HTTP calls alternate between the API instances, so a
 * client whose instance is down retries on the other (with its Idempotency-Key).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Child } from '../../../src/cluster/child';
import { ClusterStack } from '../../../src/cluster/stack';
import { JWT_SECRET, writeTestDirectory, type StackOptions, type SystemUnderTest } from '../../reliability/support/stack';

export class ClusterUnderTest implements SystemUnderTest {
  readonly dataDir = mkdtempSync(path.join(os.tmpdir(), 'koordinasi-cluster-'));
  readonly cluster: ClusterStack;
  private next = 0;
  private connection?: Connection;
  private clientValue?: Client;

  constructor(opts: StackOptions, sizes: { workers?: number; apis?: number } = {}) {
    chmodSync(this.dataDir, 0o711); // PostgreSQL runs as the user postgres and must pass through
    const directoryPath = path.join(this.dataDir, 'organizations.json');
    writeTestDirectory(directoryPath, opts);
    this.cluster = new ClusterStack({
      dataDir: path.join(this.dataDir, 'stack'),
      workers: sizes.workers ?? 2,
      apis: sizes.apis ?? 2,
      taskQueue: 'reliability',
      appEnv: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DIRECTORY_PATH: directoryPath,
        SMTP_URL: opts.smtpUrl,
        PUBLIC_BASE_URL: 'http://127.0.0.1:1',
        JWT_SECRET,
        RATE_LIMIT_PER_MINUTE: '10000000',
        // Reminders seconds apart (support/reminderProbe.ts), and no daily cap shaping the load.
        MIN_REMINDER_INTERVAL: 'PT1S',
        MAX_MAILS_PER_RECIPIENT_PER_DAY: '10000',
      },
    });
  }

  /** Round robin over the API instances. */
  get apiUrl(): string {
    const urls = this.cluster.apiUrls;
    return urls[this.next++ % urls.length];
  }

  get starts(): Record<string, number> {
    return this.cluster.starts;
  }

  startAll(): Promise<void> {
    return this.cluster.start();
  }

  async client(): Promise<Client> {
    if (!this.clientValue) {
      this.connection = Connection.lazy({ address: this.cluster.temporalAddress });
      this.clientValue = new Client({ connection: this.connection, namespace: this.cluster.namespace });
    }
    return this.clientValue;
  }

  deadProcesses(): string[] {
    const all: Array<[string, Child | undefined]> = [
      ['postgres', this.cluster.postgres],
      ['temporal', this.cluster.server],
      ...this.cluster.workers.map((w, i): [string, Child | undefined] => [`worker-${i + 1}`, w]),
      ...this.cluster.apis.map((a, i): [string, Child | undefined] => [`api-${i + 1}`, a]),
    ];
    return all.filter(([, c]) => !c?.alive()).map(([name, c]) => `${name} is not running at the end:\n${c?.tail() ?? '(never started)'}`);
  }

  async stopAll(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.cluster.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
