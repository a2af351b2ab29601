import { Injectable } from '@nestjs/common';

/**
 * The shop window's short memory: list pages and the category tree are served from memory for a
 * couple of seconds, so a busy product feed costs a map lookup instead of three queries. The
 * merchant's catalog edits clear it at once in this process; other processes see them within
 * `ttlMs`. Product detail (stock) is never cached here.
 */
@Injectable()
export class CatalogCache {
  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();
  readonly ttlMs = 2_000;
  private readonly maxEntries = 1_000;

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value as T;
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
