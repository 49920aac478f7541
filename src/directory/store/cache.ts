/**
 * The directory each process works with: one `Directory` object, refreshed in place from the
 * store at most every `ttlMs`, so an edit made anywhere reaches this process's next notification
 * or page within the TTL, without a restart. A refresh first reads the store's version (one
 * row) and reloads the organizations only when it moved. While the store cannot be read the last
 * snapshot keeps serving (an outage of the store must not stop notifications): logged, retried
 * after the TTL.
 */
import type { Organization } from '../../domain/organizations';
import { Directory } from '../directory';

export interface CacheSource {
  version(): Promise<string>;
  organizations(): Promise<Organization[]>;
}

export class DirectoryCache {
  private checkedAt = Number.NEGATIVE_INFINITY;
  private version: string | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(
    /** Handed to every reader once; its contents are replaced on refresh. */
    readonly current: Directory,
    private readonly source: CacheSource,
    private readonly ttlMs: number,
    private readonly onError: (err: Error) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The directory, refreshed first when the last check is older than the TTL. */
  async fresh(): Promise<Directory> {
    if (this.now() - this.checkedAt >= this.ttlMs) {
      this.inFlight ??= this.refresh().finally(() => (this.inFlight = undefined));
      await this.inFlight;
    }
    return this.current;
  }

  /** This process changed the store: the next read reloads at once. */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async refresh(): Promise<void> {
    try {
      const version = await this.source.version();
      if (version !== this.version) {
        const organizations = await this.source.organizations();
        // An empty store is one not seeded yet: keep what the process started with.
        if (organizations.length > 0) this.current.replaceWith(new Directory(organizations));
        this.version = version;
      }
    } catch (err) {
      this.onError(err as Error);
    }
    this.checkedAt = this.now();
  }
}
