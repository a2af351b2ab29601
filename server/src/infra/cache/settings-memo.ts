/**
 * A shop setting read on every order (member levels, the member-day schedule, the points rules, the
 * default shipping template), kept `ttlMs` in memory. The owner calls `clear()` once its own save has
 * committed; other processes see a save within `ttlMs`.
 *
 * Callers that find it missing together wait for one load, run by the first of them: inside an
 * order's transaction that first caller loads through its own transaction client, because a second
 * pool connection taken by every transaction of a rush at once can starve the pool. Should that
 * load fail, each of the others loads through its own.
 */
export class SettingsMemo<T> {
  private kept?: { value: Promise<T>; expiresAt: number };

  constructor(private readonly ttlMs = 2_000) {}

  get(load: () => Promise<T>): Promise<T> {
    // A caller that waited for another's load which failed (its transaction ended) loads itself.
    if (this.kept && this.kept.expiresAt > Date.now()) return this.kept.value.catch(() => this.get(load));
    const value = load();
    const kept = { value, expiresAt: Date.now() + this.ttlMs };
    this.kept = kept;
    // A failed load is not kept; a load that a save cleared meanwhile is no longer this.kept.
    value.catch(() => {
      if (this.kept === kept) this.kept = undefined;
    });
    return value;
  }

  clear(): void {
    this.kept = undefined;
  }
}
