/**
 * The opaque cursor of a feed page: which feed it belongs to, the phase (0 = pinned or featured
 * posts, 1 = the rest), and the sort key of the last item returned (a time in ms and the id).
 * base64url of a small JSON array; anything else — another feed's cursor included — is refused.
 */
export interface FeedCursor {
  /** e.g. `c12` (community 12), `discover`, `mine:7`, `queue:12:IN_REVIEW`. */
  feed: string;
  phase: 0 | 1;
  /** Sort time of the last item (ms since the epoch; 0 when the feed sorts by id alone). */
  at: number;
  id: number;
}

const MAX_TIME = 8.64e15;

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify([cursor.feed, cursor.phase, cursor.at, cursor.id]), 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one of ours or belongs to another feed. */
export function decodeCursor(raw: string, feed: string): FeedCursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(raw)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [owner, phase, at, id] = value as unknown[];
  if (owner !== feed) return null;
  if (phase !== 0 && phase !== 1) return null;
  if (!Number.isSafeInteger(at) || (at as number) < 0 || (at as number) > MAX_TIME) return null;
  if (!Number.isSafeInteger(id) || (id as number) < 1 || (id as number) > 2_147_483_647) return null;
  return { feed, phase, at: at as number, id: id as number };
}

/**
 * Given one more row than the page size, the items to return and the next cursor (null when
 * there are no more rows in this phase and `lastPhase` is true).
 */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => { phase: 0 | 1; at: number; id: number },
  feed: string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  if (rows.length <= limit || items.length === 0) return { items, nextCursor: null };
  return { items, nextCursor: encodeCursor({ feed, ...keyOf(items[items.length - 1]) }) };
}
