import { shareReply } from '../http/reply-serializer';

/**
 * A short memory for values many requests read alike (a shop-window list page, a community's
 * feed page): served from memory for `ttlMs`, and the requests that find an entry missing or
 * expired together wait for one load. `clear()` forgets everything at once in this process (the
 * owner calls it on its own edits); other processes see edits within `ttlMs`. The values are
 * shared by every request that reads them within `ttlMs` and never changed, so their JSON text is
 * written once, not once per request (`shareReply`).
 */
export class ShortCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  /** Loads under way, shared by the requests that need the same entry meanwhile. */
  private readonly loading = new Map<string, Promise<unknown>>();
  /** Bumped by `clear()`: a load that started before an edit is not kept. */
  private generation = 0;
  constructor(
    readonly ttlMs = 2_000,
    private readonly maxEntries = 1_000,
  ) {}

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > Date.now()) return Promise.resolve(hit.value as T);
    const pending = this.loading.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.generation;
    const loaded = load()
      .then((value) => {
        const shared = shareReply(value);
        if (generation === this.generation) {
          if (this.entries.size >= this.maxEntries) this.entries.clear();
          this.entries.set(key, { value: shared, expiresAt: Date.now() + this.ttlMs });
        }
        return shared;
      })
      .finally(() => {
        if (this.loading.get(key) === loaded) this.loading.delete(key);
      });
    this.loading.set(key, loaded);
    return loaded;
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
    this.loading.clear();
  }
}
