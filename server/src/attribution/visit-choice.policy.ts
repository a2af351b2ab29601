import type { TrafficSource } from '@weshop/shared';

/**
 * Which of the buyer's visits an order carries (归因窗口, last non-direct touch):
 * - only visits in the window before the order, `[createdAt − 7 days, createdAt]`;
 * - the latest visit that came from somewhere (a chat card, moments, a code, search, another
 *   mini-program) wins over any later DIRECT one: reopening the app from "recently used" to finish
 *   a purchase does not erase the group card that brought the shopper in;
 * - with only DIRECT visits, the latest of them; with none, no visit (the order is DIRECT).
 * Ties on time go to the later visit (higher id). Pure.
 */
export const ATTRIBUTION_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface VisitCandidate {
  id: number;
  source: TrafficSource | string;
  createdAt: Date;
}

const later = (a: VisitCandidate, b: VisitCandidate) =>
  a.createdAt.getTime() !== b.createdAt.getTime() ? a.createdAt.getTime() > b.createdAt.getTime() : a.id > b.id;

export function visitForOrder<V extends VisitCandidate>(
  visits: readonly V[],
  orderAt: Date,
  windowMs = ATTRIBUTION_WINDOW_MS,
): V | null {
  const from = orderAt.getTime() - windowMs;
  let latest: V | null = null;
  let latestSourced: V | null = null;
  for (const visit of visits) {
    const at = visit.createdAt.getTime();
    if (at < from || at > orderAt.getTime()) continue;
    if (!latest || later(visit, latest)) latest = visit;
    if (visit.source !== 'DIRECT' && (!latestSourced || later(visit, latestSourced))) latestSourced = visit;
  }
  return latestSourced ?? latest;
}
