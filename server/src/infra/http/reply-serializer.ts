/**
 * JSON replies, with the text of shared values kept. A value handed unchanged to many requests
 * (a shop-window list page held in memory) is marked with `shareReply`; the first reply that
 * sends it writes its JSON text and the next ones reuse that text instead of serializing the
 * whole page again. A shared value must not be changed after it is marked.
 */
const sharedTexts = new WeakMap<object, string | null>();

/** Marks a value that is sent as it is to many requests and never changed. */
export function shareReply<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !sharedTexts.has(value)) sharedTexts.set(value, null);
  return value;
}

/** The reply serializer (Fastify `setReplySerializer`): JSON text of a reply body. */
export function serializeReply(payload: unknown): string {
  if (typeof payload !== 'object' || payload === null) return JSON.stringify(payload);
  const kept = sharedTexts.get(payload);
  if (kept) return kept;
  const text = JSON.stringify(payload);
  if (kept === null) sharedTexts.set(payload, text);
  return text;
}
