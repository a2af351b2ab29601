import type { CursorPage } from '@weshop/shared';

/**
 * Cursor feeds (`{ items, nextCursor }`, nextCursor null on the last page): merging pages and
 * keeping a loaded list in step with what the user just did. Pure.
 */

/**
 * The list after one more page. `reset` (a first page, a refresh) replaces what was there. A later
 * page keeps the order it came in and leaves out ids already shown: a post published or pinned
 * while scrolling can shift the server's order, and a row must never appear twice.
 */
export function mergeCursorPage<T extends { id: string }>(
  prev: readonly T[],
  page: CursorPage<T>,
  reset: boolean,
): T[] {
  const base = reset ? [] : prev;
  const seen = new Set(base.map((item) => item.id));
  const merged = [...base];
  for (const item of page.items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    merged.push(item);
  }
  return merged;
}

/** The list with one row replaced by its fresh copy (same place); unchanged when it is not there. */
export function replaceById<T extends { id: string }>(items: readonly T[], next: T): T[] {
  return items.map((item) => (item.id === next.id ? next : item));
}

/** The list without the row `id`. */
export function removeById<T extends { id: string }>(items: readonly T[], id: string): T[] {
  return items.filter((item) => item.id !== id);
}
