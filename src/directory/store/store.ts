/**
 * The one way the API, the pages and the activities reach the directory (docs/ARCHITECTURE.md#
 * organization-directory): reads through the cached snapshot (./cache.ts), detail and history
 * from the store, and every change in one transaction with its history, after which this
 * process's cache reloads at once (other processes follow within the TTL).
 */
import { sql, type Transaction } from 'kysely';
import type { Organization, OrgId } from '../../domain/organizations';
import type { RecordsDb } from '../../records/database';
import type { RecordsSchema } from '../../records/schema';
import type { Directory } from '../directory';
import { DirectoryCache } from './cache';
import { DirectoryNotFoundError } from './errors';
import { directoryVersion, readOrganizations, writePlan } from './organizations';
import { planChanges, type Change, type Incoming } from './plan';
import { insertHandover, insertPosition, readPositions, type Holder, type Position } from './positions';

export interface HistoryEntry {
  id: string;
  organizationId: OrgId;
  change: string;
  before: unknown;
  after: unknown;
  actor: string;
  at: string;
}

export interface DirectoryReader {
  /** The directory as of at most the cache's TTL ago: the same object each time, refreshed in place. */
  fresh(): Promise<Directory>;
}

export interface DirectoryStore extends DirectoryReader {
  readonly current: Directory;
  /** Apply (or with dryRun only compute) organizations and contacts; refused whole on bad input. */
  apply(incoming: Incoming[], opts: { actor: string; dryRun?: boolean }): Promise<Change[]>;
  positions(id: OrgId, at?: Date): Promise<Position[]>;
  addPosition(id: OrgId, position: { id: string; title: string }, actor: string): Promise<void>;
  handover(id: OrgId, positionId: string, holder: Holder, actor: string): Promise<void>;
  /** Newest first; `before` continues after the last id of the previous page. */
  history(id: OrgId, page: { limit: number; before?: string }): Promise<HistoryEntry[]>;
  /** Seed an empty store (first start); false when it already had organizations. */
  seedIfEmpty(organizations: () => Organization[]): Promise<boolean>;
}

// One directory writer at a time across processes: a plan is computed from what it then reads.
const lock = (trx: Transaction<RecordsSchema>) => sql`select pg_advisory_xact_lock(hashtext('koordinasi/directory'))`.execute(trx);

export class PostgresDirectoryStore implements DirectoryStore {
  private readonly cache: DirectoryCache;

  constructor(
    private readonly db: RecordsDb,
    initial: Directory,
    opts: { ttlMs: number; onError: (err: Error) => void; now?: () => number },
  ) {
    this.cache = new DirectoryCache(initial, { version: () => directoryVersion(db), organizations: () => readOrganizations(db) }, opts.ttlMs, opts.onError, opts.now);
  }

  get current(): Directory {
    return this.cache.current;
  }

  fresh(): Promise<Directory> {
    return this.cache.fresh();
  }

  async apply(incoming: Incoming[], opts: { actor: string; dryRun?: boolean }): Promise<Change[]> {
    const changes = await this.db.transaction().execute(async (trx) => {
      await lock(trx);
      const plan = planChanges(await readOrganizations(trx), incoming);
      if (!opts.dryRun) await writePlan(trx, plan, opts.actor);
      return plan.changes;
    });
    if (changes.length && !opts.dryRun) this.cache.invalidate();
    return changes;
  }

  private async assertKnown(trx: Transaction<RecordsSchema>, id: OrgId): Promise<void> {
    const row = await trx.selectFrom('directory_organizations').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw new DirectoryNotFoundError(`no organization "${id}" in the directory`);
  }

  positions(id: OrgId, at: Date = new Date()): Promise<Position[]> {
    return readPositions(this.db, id, at);
  }

  async addPosition(id: OrgId, position: { id: string; title: string }, actor: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await lock(trx);
      await this.assertKnown(trx, id);
      await insertPosition(trx, id, position, actor);
    });
    this.cache.invalidate();
  }

  async handover(id: OrgId, positionId: string, holder: Holder, actor: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await lock(trx);
      await this.assertKnown(trx, id);
      await insertHandover(trx, id, positionId, holder, actor);
    });
    this.cache.invalidate();
  }

  async history(id: OrgId, page: { limit: number; before?: string }): Promise<HistoryEntry[]> {
    let q = this.db.selectFrom('directory_history').selectAll().where('organization_id', '=', id);
    if (page.before) q = q.where('id', '<', page.before);
    const rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
    return rows.map((r) => ({ id: r.id, organizationId: r.organization_id, change: r.change, before: r.before, after: r.after, actor: r.actor, at: r.at.toISOString() }));
  }

  async seedIfEmpty(organizations: () => Organization[]): Promise<boolean> {
    const seeded = await this.db.transaction().execute(async (trx) => {
      await lock(trx);
      const any = await trx.selectFrom('directory_organizations').select('id').limit(1).executeTakeFirst();
      if (any) return false;
      const incoming: Incoming[] = organizations().map((o, i) => ({ kind: 'organization', where: `organizations[${i}]`, organization: o }));
      await writePlan(trx, planChanges([], incoming), 'seed');
      return true;
    });
    if (seeded) this.cache.invalidate();
    return seeded;
  }
}
