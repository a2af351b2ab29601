import type { Bp, Fen, GroupBuyCampaignView, GroupStatus, GroupView } from '@weshop/shared';
import { ApiError, errorMessage } from '../api/client';
import { formatBp } from './distribution';
import { encodeCheckoutItems, type CheckoutItem } from './route';

/**
 * 拼团 as the shopper reads it: status words, seats, countdowns, the confirm page's `gb` / `group`
 * query and the group's share path. Pure: the pages do the calls. Prices are the server's figures,
 * only picked and labelled here.
 */

export const GROUP_STATUS_TEXT: Record<GroupStatus, string> = {
  FORMING: '拼团中',
  SUCCEEDED: '拼团成功',
  FAILED: '拼团失败',
};

type GroupFacts = Pick<GroupView, 'status' | 'seatsLeft' | 'simulated'>;

/** The banner's title: the status, and 模拟成团 when the system completed the group at expiry. */
export function groupStatusText(group: GroupFacts): string {
  if (group.status === 'SUCCEEDED' && group.simulated) return '拼团成功（模拟成团）';
  return GROUP_STATUS_TEXT[group.status];
}

/** The line under the banner: what happens next. */
export function groupHint(group: GroupFacts): string {
  switch (group.status) {
    case 'FORMING':
      return group.seatsLeft > 0 ? `还差${group.seatsLeft}人成团` : '已满员，等待成员支付';
    case 'SUCCEEDED':
      return '成团啦，商家将尽快发货';
    case 'FAILED':
      return '未成团，已付款项将原路退回';
  }
}

/** `还差N人` on an open group; a group without free seats says so. */
export function seatsLeftText(seatsLeft: number): string {
  return seatsLeft > 0 ? `还差${seatsLeft}人` : '已满员';
}

/**
 * A group's time left: `hh:mm:ss`, with days in front from 24 hours on (`1天 02:03:04`). Groups last
 * from minutes to days, unlike the order's mm:ss payment countdown.
 */
export function formatGroupCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const p = (n: number) => String(n).padStart(2, '0');
  const clock = `${p(Math.floor((s % 86_400) / 3_600))}:${p(Math.floor((s % 3_600) / 60))}:${p(s % 60)}`;
  return days > 0 ? `${days}天 ${clock}` : clock;
}

/** A campaign's time limit in words: `30分钟`, `24小时`, `1小时30分钟`, `2天`. */
export function durationText(minutes: number): string {
  const m = Math.max(0, Math.floor(minutes));
  const days = m % 1_440 === 0 && m > 0 ? m / 1_440 : 0;
  if (days >= 2) return `${days}天`;
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (hours === 0) return `${rest}分钟`;
  return rest ? `${hours}小时${rest}分钟` : `${hours}小时`;
}

export type Seat =
  { kind: 'member'; nickname: string; avatar: string; isLeader: boolean; paid: boolean } | { kind: 'empty' };

/** The group's seats in order: the leader first, then the members as the server lists them, then empty seats. */
export function groupSeats(group: Pick<GroupView, 'size' | 'members'>): Seat[] {
  const members = [...group.members]
    .sort((a, b) => Number(b.isLeader) - Number(a.isLeader))
    .slice(0, Math.max(group.size, 0))
    .map((m): Seat => ({
      kind: 'member',
      nickname: m.nickname,
      avatar: m.avatar,
      isLeader: m.isLeader,
      paid: m.paidAt !== null,
    }));
  const empty = Array.from({ length: Math.max(group.size - members.length, 0) }, (): Seat => ({ kind: 'empty' }));
  return [...members, ...empty];
}

/** Whether the viewer may tap 我也要参团: an open group with a free seat, not expired, that the viewer is not in. */
export function canJoinGroup(
  group: Pick<GroupView, 'status' | 'seatsLeft' | 'myOrderId' | 'expiresAt'>,
  nowMs: number,
): boolean {
  const end = Date.parse(group.expiresAt);
  return (
    group.status === 'FORMING' && group.seatsLeft > 0 && group.myOrderId === null && !Number.isNaN(end) && end > nowMs
  );
}

// ——— the confirm page's query ———

/** What the buyer chose: open a group of a campaign, or join one of its groups. */
export interface GroupBuyChoice {
  campaignId: string;
  groupId?: string;
}

const ID = /^\d{1,10}$/;

/**
 * The confirm page's query for a group buy: `items=<skuId:qty>&gb=<campaignId>` opens a group,
 * `&group=<groupId>` joins that one (app.config.ts documents the page's query).
 */
export function groupBuyConfirmQuery(items: CheckoutItem[], choice: GroupBuyChoice): string {
  const group = choice.groupId ? `&group=${encodeURIComponent(choice.groupId)}` : '';
  return `items=${encodeURIComponent(encodeCheckoutItems(items))}&gb=${encodeURIComponent(choice.campaignId)}${group}`;
}

/** The `groupBuy` of the order body from the confirm page's query; null without a valid `gb` (a normal purchase). */
export function groupBuyChoiceFromQuery(query: Record<string, string | undefined>): GroupBuyChoice | null {
  const campaignId = (query.gb ?? '').trim();
  if (!ID.test(campaignId)) return null;
  const groupId = (query.group ?? '').trim();
  return ID.test(groupId) ? { campaignId, groupId } : { campaignId };
}

// ——— the share card ———

/** `id=7&ref=K7M3PQ` (no `ref` without a code): the group page's share query. */
export function groupShareQuery(groupId: string, ref: string | null): string {
  return `id=${encodeURIComponent(groupId)}${ref ? `&ref=${encodeURIComponent(ref)}` : ''}`;
}

/** `/subpackages/groupbuy/group/index?id=7&ref=K7M3PQ`: the path of the group's share card. */
export function groupSharePath(groupId: string, ref: string | null): string {
  return `/subpackages/groupbuy/group/index?${groupShareQuery(groupId, ref)}`;
}

// ——— choosing what to buy ———

export type GroupBuyPick =
  { ok: true; item: CheckoutItem } | { ok: false; reason: 'CHOOSE_SKU' | 'NOT_IN_CAMPAIGN' | 'SOLD_OUT' };

/**
 * The line a group buy orders: the SKU chosen on the page (or, when none is chosen, the campaign's
 * only SKU), at most the campaign's per-order limit. The server checks everything again.
 */
export function pickGroupBuyItem(
  campaign: Pick<GroupBuyCampaignView, 'skus' | 'perOrderLimit'>,
  selection: { skuId: string | null; quantity: number },
): GroupBuyPick {
  let skuId = selection.skuId;
  if (!skuId) {
    if (campaign.skus.length !== 1) return { ok: false, reason: 'CHOOSE_SKU' };
    skuId = campaign.skus[0].skuId;
  }
  const sku = campaign.skus.find((s) => s.skuId === skuId);
  if (!sku) return { ok: false, reason: 'NOT_IN_CAMPAIGN' };
  if (sku.stock <= 0) return { ok: false, reason: 'SOLD_OUT' };
  const limit = Math.max(campaign.perOrderLimit, 1);
  const quantity = Math.min(Math.max(Math.floor(selection.quantity) || 1, 1), limit);
  return { ok: true, item: { skuId, quantity } };
}

export const GROUP_BUY_PICK_TEXT: Record<Extract<GroupBuyPick, { ok: false }>['reason'], string> = {
  CHOOSE_SKU: '请先选择规格',
  NOT_IN_CAMPAIGN: '该规格不参与拼团',
  SOLD_OUT: '该规格已售罄',
};

/** The campaign's lowest group price, lowest leader price (团长价, null when none) and lowest single price. */
export function campaignPrices(
  campaign: Pick<GroupBuyCampaignView, 'skus'>,
  skuId: string | null = null,
): { groupPrice: Fen; leaderPrice: Fen | null; price: Fen } | null {
  const chosen = skuId ? campaign.skus.filter((s) => s.skuId === skuId) : [];
  const skus = chosen.length ? chosen : campaign.skus;
  if (skus.length === 0) return null;
  const lowest = (values: number[]) => values.reduce((a, b) => (b < a ? b : a));
  const leaders = skus.map((s) => s.leaderPrice).filter((p): p is number => p !== null);
  return {
    groupPrice: lowest(skus.map((s) => s.groupPrice)),
    leaderPrice: leaders.length ? lowest(leaders) : null,
    price: lowest(skus.map((s) => s.price)),
  };
}

// ——— errors ———

/** The order routes' group-buy refusals, as the buyer reads them. */
export const GROUP_BUY_ERROR_TEXT: Record<string, string> = {
  GROUP_FULL: '这个团已经满员了，换个团或自己开一个吧',
  GROUP_NOT_JOINABLE: '这个团已结束，换个团或自己开一个吧',
  GROUP_NOT_FOUND: '拼团不存在',
  GROUP_ALREADY_JOINED: '你已经在这个团里了',
  GROUP_OWN: '不能参加自己开的团，分享给好友吧',
  GROUP_BUY_QUOTA_EXHAUSTED: '活动名额已抢光',
  GROUP_BUY_LIMIT_EXCEEDED: '超出活动限购数量',
  GROUP_BUY_NEW_CUSTOMERS_ONLY: '该拼团仅限新客参加',
  GROUP_BUY_NOT_ACTIVE: '拼团活动未开始或已结束',
  GROUP_BUY_MEMBERS_ONLY: '该拼团仅限社群成员参加',
  GROUP_BUY_CAMPAIGN_NOT_FOUND: '拼团活动不存在',
  GROUP_BUY_SKU_NOT_IN_CAMPAIGN: '该规格不参与拼团',
};

/** A sentence for an error of a group-buy preview or order: ours for the group-buy codes, else the server's. */
export function groupBuyErrorText(error: unknown): string {
  if (error instanceof ApiError && GROUP_BUY_ERROR_TEXT[error.code]) return GROUP_BUY_ERROR_TEXT[error.code];
  return errorMessage(error);
}

// ——— the manager's results ———

/** 成团率 in basis points as a percentage; `—` before any group finished. */
export function successRateText(bp: Bp | null): string {
  return bp === null ? '—' : formatBp(bp);
}
