import type { ActivePromotions } from '@weshop/shared';
import { flashSaleSessions, stockBarText, type FlashSaleItem, type FlashSaleSession } from '../../../utils/flash-sale';

/**
 * 限时秒杀's two tabs: 正在疯抢 (the running sales, as before) and 即将开始 (flash sales starting within
 * the next 7 days, from `upcoming`): their start time, a countdown to it, and SKUs that cannot be
 * bought yet (the server prices an order before the start at the SKU's own price).
 */

export type FlashSaleTab = 'RUNNING' | 'UPCOMING';

export interface FlashSaleTabs {
  running: FlashSaleSession[];
  /** Starting soonest first. */
  upcoming: FlashSaleSession[];
}

export function flashSaleTabs(active: ActivePromotions): FlashSaleTabs {
  return {
    running: flashSaleSessions(active),
    upcoming: flashSaleSessions({ items: active.upcoming ?? [] }).sort(
      (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Number(a.promotionId) - Number(b.promotionId),
    ),
  };
}

/** The tab to open: the current one while it has sales, else the one that has some (正在疯抢 first). */
export function tabToShow(tabs: FlashSaleTabs, current: FlashSaleTab | null): FlashSaleTab {
  if (current && tabs[current === 'RUNNING' ? 'running' : 'upcoming'].length > 0) return current;
  if (tabs.running.length > 0) return 'RUNNING';
  return tabs.upcoming.length > 0 ? 'UPCOMING' : (current ?? 'RUNNING');
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** `今天 20:00 开抢`, `明天 10:00 开抢`, `6月3日 10:00 开抢` in the phone's time zone. */
export function startText(startsAt: string, nowMs: number): string {
  const start = new Date(startsAt);
  const days = Math.round((dayOf(start) - dayOf(new Date(nowMs))) / 86_400_000);
  const clock = `${pad(start.getHours())}:${pad(start.getMinutes())}`;
  const day = days <= 0 ? '今天' : days === 1 ? '明天' : `${start.getMonth() + 1}月${start.getDate()}日`;
  return `${day} ${clock} 开抢`;
}

export interface FlashItemAction {
  /** The button's word. */
  label: '马上抢' | '已抢光' | '即将开始';
  disabled: boolean;
  /** The stock bar's words. */
  bar: string;
}

/** A SKU's button and bar: 即将开始 (disabled, `限量 N 件`) before its sale starts, else 马上抢 / 已抢光. */
export function flashItemAction(
  item: Pick<FlashSaleItem, 'soldOut' | 'soldPercent' | 'quota'>,
  tab: FlashSaleTab,
): FlashItemAction {
  if (tab === 'UPCOMING') return { label: '即将开始', disabled: true, bar: `限量 ${item.quota} 件` };
  return { label: item.soldOut ? '已抢光' : '马上抢', disabled: item.soldOut, bar: stockBarText(item) };
}
