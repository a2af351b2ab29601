/**
 * Share paths (WECHAT.md §C.7): the query of a shared product page carries `ref=<code>` when the
 * sharer is an approved distributor, and arrives untouched on the recipient's launch.
 */

/** `id=12&ref=K7M3PQ` (no `ref` without a code): the query of `useShareTimeline`. */
export function productShareQuery(productId: string, ref: string | null): string {
  return `id=${encodeURIComponent(productId)}${ref ? `&ref=${encodeURIComponent(ref)}` : ''}`;
}

/** `/pages/product/index?id=12&ref=K7M3PQ`: the path of `useShareAppMessage`. */
export function productSharePath(productId: string, ref: string | null): string {
  return `/pages/product/index?${productShareQuery(productId, ref)}`;
}
