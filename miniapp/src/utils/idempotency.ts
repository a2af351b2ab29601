/**
 * A fresh `Idempotency-Key`: created once per user intent (e.g. when the confirm page opens) and
 * reused on every retry of that intent. Random enough for one user's keys never to collide; no
 * crypto API is needed (WeChat's runtime has none on every base library).
 */
export function newIdempotencyKey(now: number = Date.now()): string {
  const random = () => Math.floor(Math.random() * 0x100000000).toString(36);
  return `mp-${now.toString(36)}-${random()}${random()}`;
}
