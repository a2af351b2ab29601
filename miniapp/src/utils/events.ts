import { AnalyticsEventInput, MAX_EVENTS_PER_BATCH, type EventType } from '@weshop/shared';
import { sendEvents } from '../api/attribution';
import { deviceId } from '../stores/device';

/**
 * 行为事件: pages call `track` and move on. Events wait in memory and leave in batches — every few
 * seconds, as soon as a batch is full, and when the app hides — so no page ever waits for them.
 * Without an answer (offline, 5xx) a batch goes back to the queue, which keeps the newest
 * `MAX_QUEUED`; a 4xx answer drops it (retrying would not help).
 */
export const FLUSH_AFTER_MS = 5_000;
export const FLUSH_AT = 20;
export const MAX_QUEUED = 200;

let queue: AnalyticsEventInput[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
let sending: Promise<void> | null = null;
let visitId: string | null = null;

/** The visit (from POST /launch) the following events belong to. */
export function setVisit(id: string | null): void {
  visitId = id;
}

/**
 * Queues one event; never throws, never waits. Ids that are not ids (a mangled query) are left out;
 * an event still missing what its type needs (PRODUCT_VIEW without a product) is dropped.
 */
export function track(
  type: EventType,
  fields: { page?: string; productId?: string; postId?: string } = {},
  at: Date = new Date(),
): void {
  const candidate = {
    type,
    at: at.toISOString(),
    page: fields.page ? fields.page.slice(0, 255) : undefined,
    productId: idOrNothing(fields.productId),
    postId: idOrNothing(fields.postId),
    visitId: idOrNothing(visitId ?? undefined),
  };
  const parsed = AnalyticsEventInput.safeParse(stripEmpty(candidate));
  if (!parsed.success) return;
  queue.push(parsed.data);
  if (queue.length > MAX_QUEUED) queue = queue.slice(-MAX_QUEUED);
  if (queue.length >= FLUSH_AT) void flush();
  else if (!timer) timer = setTimeout(() => void flush(), FLUSH_AFTER_MS);
}

/** Sends what is queued, one batch at a time; resolves when done, never rejects. */
export function flush(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  if (!sending) {
    sending = drain().finally(() => {
      sending = null;
    });
  }
  return sending;
}

async function drain(): Promise<void> {
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_EVENTS_PER_BATCH);
    const status = await sendEvents(batch, deviceId());
    if (status === 0 || status >= 500) {
      // No answer: back to the front of the queue, tried again on the next flush.
      queue = [...batch, ...queue].slice(-MAX_QUEUED);
      if (!timer) timer = setTimeout(() => void flush(), FLUSH_AFTER_MS);
      return;
    }
  }
}

/** What is waiting (tests, and the app's hide handler deciding whether to flush). */
export function queued(): number {
  return queue.length;
}

const idOrNothing = (value: string | undefined) => (value && /^[1-9]\d{0,9}$/.test(value) ? value : undefined);

function stripEmpty<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}
