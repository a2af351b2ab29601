import type { ActivePromotion, ActivePromotions, Fen } from '@weshop/shared';
import { specsText } from './order-status';

/**
 * 限时秒杀 as the page shows it: the running flash sales from `GET /promotions/active`, each SKU with
 * its flash price against its own price, how much of the quota is gone (已抢 N%) and whether it is
 * sold out (quota or stock). Figures are the server's; only the percentage is worked out here.
 */

export interface FlashSaleItem {
  skuId: string;
  productId: string;
  title: string;
  /** `红 / M`, '' for a single-SKU product. */
  specs: string;
  cover: string;
  price: Fen;
  skuPrice: Fen;
  /** What the flash price saves, in fen (0 when it saves nothing). */
  saving: Fen;
  quota: number;
  sold: number;
  perUserLimit: number;
  /** 0..100, whole, rounded down (never 100 while some are left, never 0 once any is sold). */
  soldPercent: number;
  soldOut: boolean;
}

export interface FlashSaleSession {
  promotionId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  memberDayOnly: boolean;
  items: FlashSaleItem[];
}

export type FlashSalePhase = 'UPCOMING' | 'RUNNING' | 'ENDED';

/** How much of a quota is gone, 0..100: rounded down, but 1 once any is sold and 99 while any is left. */
export function soldPercent(quota: number, remaining: number): number {
  if (quota <= 0) return 100;
  const sold = Math.min(quota, Math.max(0, quota - remaining));
  if (sold === 0) return 0;
  if (sold === quota) return 100;
  return Math.min(99, Math.max(1, Math.floor((sold * 100) / quota)));
}

function itemOf(sku: ActivePromotion['skus'][number]): FlashSaleItem {
  const sold = Math.min(sku.quota, Math.max(0, sku.quota - sku.remaining));
  const soldOut = sku.remaining <= 0 || sku.stock <= 0;
  return {
    skuId: sku.skuId,
    productId: sku.productId,
    title: sku.title,
    specs: specsText(sku.specs),
    cover: sku.cover,
    price: sku.price,
    skuPrice: sku.skuPrice,
    saving: Math.max(0, sku.skuPrice - sku.price),
    quota: sku.quota,
    sold,
    perUserLimit: sku.perUserLimit,
    soldPercent: soldOut ? 100 : soldPercent(sku.quota, sku.remaining),
    soldOut,
  };
}

/** The flash sales among the running promotions, ending soonest first; SKUs still to grab before sold-out ones. */
export function flashSaleSessions(active: ActivePromotions): FlashSaleSession[] {
  return active.items
    .filter((p) => p.type === 'FLASH_SALE' && p.skus.length > 0)
    .map((p) => ({
      promotionId: p.id,
      title: p.title,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      memberDayOnly: p.memberDayOnly,
      items: p.skus.map(itemOf).sort((a, b) => Number(a.soldOut) - Number(b.soldOut)),
    }))
    .sort((a, b) => Date.parse(a.endsAt) - Date.parse(b.endsAt));
}

/** Before its start, running, or over at `nowMs`. */
export function flashSalePhase(session: Pick<FlashSaleSession, 'startsAt' | 'endsAt'>, nowMs: number): FlashSalePhase {
  if (nowMs < Date.parse(session.startsAt)) return 'UPCOMING';
  if (nowMs >= Date.parse(session.endsAt)) return 'ENDED';
  return 'RUNNING';
}

/** The stock bar's words: `已抢 37%` or `已抢光`. */
export function stockBarText(item: Pick<FlashSaleItem, 'soldPercent' | 'soldOut'>): string {
  return item.soldOut ? '已抢光' : `已抢 ${item.soldPercent}%`;
}
