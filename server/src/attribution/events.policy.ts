import { AnalyticsEventInput, type EventsResult, type EventType } from '@weshop/shared';
import { fieldIssues } from '../infra/http/zod.pipe';

/**
 * Reading a batch of behaviour events, each on its own: a malformed event is reported by its
 * index and the rest are kept. The device's clock is trusted within limits: an event stamped
 * after the server's `receivedAt` counts as received now; one older than `maxAgeMs` (a queue
 * left on a phone for weeks) is refused as stale. Pure.
 */
export const EVENT_MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export interface EventRow {
  type: EventType;
  at: Date;
  page: string | null;
  productId: number | null;
  postId: number | null;
  visitId: number | null;
}

export function readEvents(
  raw: readonly unknown[],
  receivedAt: Date,
  maxAgeMs = EVENT_MAX_AGE_MS,
): { rows: EventRow[]; rejected: EventsResult['rejected'] } {
  const rows: EventRow[] = [];
  const rejected: EventsResult['rejected'] = [];
  raw.forEach((candidate, index) => {
    const parsed = AnalyticsEventInput.safeParse(candidate);
    if (!parsed.success) {
      rejected.push({ index, fields: fieldIssues(parsed.error) });
      return;
    }
    const event = parsed.data;
    const at = new Date(event.at);
    if (at.getTime() < receivedAt.getTime() - maxAgeMs) {
      rejected.push({ index, fields: [{ path: 'at', message: 'is too old' }] });
      return;
    }
    rows.push({
      type: event.type,
      at: at.getTime() > receivedAt.getTime() ? receivedAt : at,
      page: event.page ?? null,
      productId: event.productId ? Number(event.productId) : null,
      postId: event.postId ? Number(event.postId) : null,
      visitId: event.visitId ? Number(event.visitId) : null,
    });
  });
  return { rows, rejected };
}
