import type { GroupBuyCampaignView, GroupView } from '@weshop/shared';
import { ApiError } from '../api/client';
import {
  campaignPrices,
  canJoinGroup,
  durationText,
  formatGroupCountdown,
  groupBuyChoiceFromQuery,
  groupBuyConfirmQuery,
  groupBuyErrorText,
  groupHint,
  groupSeats,
  groupSharePath,
  groupShareQuery,
  groupStatusText,
  pickGroupBuyItem,
  seatsLeftText,
  successRateText,
  type GroupBuyChoice,
} from './groupbuy';
import { decodeCheckoutItems } from './route';

describe('formatGroupCountdown', () => {
  it.each<[number, string]>([
    [0, '00:00:00'],
    [-5, '00:00:00'],
    [59, '00:00:59'],
    [61.9, '00:01:01'],
    [3_600, '01:00:00'],
    [86_399, '23:59:59'],
    [86_400, '1天 00:00:00'],
    [2 * 86_400 + 3 * 3_600 + 4 * 60 + 5, '2天 03:04:05'],
  ])('%s s → %s', (seconds, expected) => {
    expect(formatGroupCountdown(seconds)).toBe(expected);
  });
});

describe('durationText', () => {
  it.each<[number, string]>([
    [5, '5分钟'],
    [30, '30分钟'],
    [60, '1小时'],
    [90, '1小时30分钟'],
    [1_440, '24小时'],
    [2_880, '2天'],
    [10_080, '7天'],
    [2_900, '48小时20分钟'],
  ])('%i minutes → %s', (minutes, expected) => {
    expect(durationText(minutes)).toBe(expected);
  });
});

describe('group status words', () => {
  it.each<[GroupView['status'], number, boolean, string, string]>([
    ['FORMING', 2, false, '拼团中', '还差2人成团'],
    ['FORMING', 0, false, '拼团中', '已满员，等待成员支付'],
    ['SUCCEEDED', 0, false, '拼团成功', '成团啦，商家将尽快发货'],
    ['SUCCEEDED', 1, true, '拼团成功（模拟成团）', '成团啦，商家将尽快发货'],
    ['FAILED', 1, false, '拼团失败', '未成团，已付款项将原路退回'],
  ])('%s with %i seats left (simulated %s)', (status, seatsLeft, simulated, title, hint) => {
    expect(groupStatusText({ status, seatsLeft, simulated })).toBe(title);
    expect(groupHint({ status, seatsLeft, simulated })).toBe(hint);
  });

  it.each<[number, string]>([
    [1, '还差1人'],
    [9, '还差9人'],
    [0, '已满员'],
  ])('seatsLeftText(%i) = %s', (n, expected) => {
    expect(seatsLeftText(n)).toBe(expected);
  });
});

const member = (nickname: string, isLeader = false, paidAt: string | null = '2026-11-24T10:00:00.000Z') => ({
  nickname,
  avatar: `/a/${nickname}.png`,
  isLeader,
  paidAt,
});

describe('groupSeats', () => {
  it('puts the leader first, keeps the members’ order, marks unpaid seats and fills the rest with empty seats', () => {
    const seats = groupSeats({ size: 4, members: [member('乙'), member('甲', true), member('丙', false, null)] });
    expect(seats).toEqual([
      { kind: 'member', nickname: '甲', avatar: '/a/甲.png', isLeader: true, paid: true },
      { kind: 'member', nickname: '乙', avatar: '/a/乙.png', isLeader: false, paid: true },
      { kind: 'member', nickname: '丙', avatar: '/a/丙.png', isLeader: false, paid: false },
      { kind: 'empty' },
    ]);
  });

  it.each<[number, number, number, number]>([
    // size, members, shown members, empty seats
    [2, 1, 1, 1],
    [2, 2, 2, 0],
    [10, 1, 1, 9],
    // Never more seats than the group has, whatever the list says.
    [2, 3, 2, 0],
  ])('size %i with %i members: %i avatars and %i empty seats', (size, count, shown, empty) => {
    const members = Array.from({ length: count }, (_, i) => member(`m${i}`, i === 0));
    const seats = groupSeats({ size, members });
    expect(seats).toHaveLength(size);
    expect(seats.filter((s) => s.kind === 'member')).toHaveLength(shown);
    expect(seats.filter((s) => s.kind === 'empty')).toHaveLength(empty);
  });
});

describe('canJoinGroup', () => {
  const now = Date.parse('2026-11-24T10:00:00.000Z');
  type Facts = Pick<GroupView, 'status' | 'seatsLeft' | 'myOrderId' | 'expiresAt'>;
  const open: Facts = {
    status: 'FORMING',
    seatsLeft: 1,
    myOrderId: null,
    expiresAt: '2026-11-24T11:00:00.000Z',
  };
  it.each<[string, Partial<Facts>, boolean]>([
    ['an open group with a seat', {}, true],
    ['a full group', { seatsLeft: 0 }, false],
    ['my own group (or one I joined)', { myOrderId: '77' }, false],
    ['a succeeded group', { status: 'SUCCEEDED' }, false],
    ['a failed group', { status: 'FAILED' }, false],
    ['an expired group the server has not settled yet', { expiresAt: '2026-11-24T10:00:00.000Z' }, false],
    ['an unreadable deadline', { expiresAt: 'soon' }, false],
  ])('%s → %s', (_case, patch, expected) => {
    expect(canJoinGroup({ ...open, ...patch }, now)).toBe(expected);
  });
});

describe('the confirm page query of a group buy', () => {
  it.each<[GroupBuyChoice, string]>([
    [{ campaignId: '3' }, 'items=12%3A1&gb=3'],
    [{ campaignId: '3', groupId: '41' }, 'items=12%3A1&gb=3&group=41'],
  ])('%j', (choice, expected) => {
    const query = groupBuyConfirmQuery([{ skuId: '12', quantity: 1 }], choice);
    expect(query).toBe(expected);
    // What the confirm page reads back from it.
    const params = Object.fromEntries(query.split('&').map((pair) => pair.split('=')));
    expect(decodeCheckoutItems(params.items)).toEqual([{ skuId: '12', quantity: 1 }]);
    expect(groupBuyChoiceFromQuery(params)).toEqual(choice);
  });

  it.each<[Record<string, string | undefined>, GroupBuyChoice | null]>([
    [{}, null],
    [{ group: '41' }, null],
    [{ gb: 'abc' }, null],
    [{ gb: '' }, null],
    [{ gb: '12345678901' }, null],
    [{ gb: '3', group: 'x' }, { campaignId: '3' }],
    [
      { gb: ' 3 ', group: ' 41 ' },
      { campaignId: '3', groupId: '41' },
    ],
  ])('%j → %j', (query, expected) => {
    expect(groupBuyChoiceFromQuery(query)).toEqual(expected);
  });
});

describe('the group’s share card', () => {
  it.each<[string, string | null, string]>([
    ['41', null, '/subpackages/groupbuy/group/index?id=41'],
    ['41', 'K7M3PQ', '/subpackages/groupbuy/group/index?id=41&ref=K7M3PQ'],
  ])('group %s, ref %s', (groupId, ref, expected) => {
    expect(groupSharePath(groupId, ref)).toBe(expected);
    expect(groupShareQuery(groupId, ref)).toBe(expected.split('?')[1]);
  });
});

const sku = (skuId: string, groupPrice: number, leaderPrice: number | null, price: number, stock = 5) => ({
  skuId,
  specs: { 颜色: skuId },
  price,
  groupPrice,
  leaderPrice,
  stock,
});

describe('pickGroupBuyItem', () => {
  const two: Pick<GroupBuyCampaignView, 'skus' | 'perOrderLimit'> = {
    skus: [sku('10', 900, null, 1_200), sku('11', 950, 850, 1_300, 0)],
    perOrderLimit: 2,
  };
  const one: Pick<GroupBuyCampaignView, 'skus' | 'perOrderLimit'> = {
    skus: [sku('20', 500, null, 800)],
    perOrderLimit: 1,
  };
  it.each<[string, Pick<GroupBuyCampaignView, 'skus' | 'perOrderLimit'>, string | null, number, unknown]>([
    ['the chosen SKU', two, '10', 1, { ok: true, item: { skuId: '10', quantity: 1 } }],
    ['capped at the per-order limit', two, '10', 5, { ok: true, item: { skuId: '10', quantity: 2 } }],
    ['nothing chosen, several SKUs', two, null, 1, { ok: false, reason: 'CHOOSE_SKU' }],
    ['nothing chosen, the only SKU', one, null, 3, { ok: true, item: { skuId: '20', quantity: 1 } }],
    ['a SKU outside the campaign', two, '99', 1, { ok: false, reason: 'NOT_IN_CAMPAIGN' }],
    ['a sold-out SKU', two, '11', 1, { ok: false, reason: 'SOLD_OUT' }],
    ['a quantity below one', one, '20', 0, { ok: true, item: { skuId: '20', quantity: 1 } }],
  ])('%s', (_case, campaign, skuId, quantity, expected) => {
    expect(pickGroupBuyItem(campaign, { skuId, quantity })).toEqual(expected);
  });
});

describe('campaignPrices', () => {
  const campaign = { skus: [sku('10', 900, null, 1_200), sku('11', 800, 700, 1_300), sku('12', 950, 650, 1_100)] };
  it.each<[string | null, unknown]>([
    [null, { groupPrice: 800, leaderPrice: 650, price: 1_100 }],
    ['10', { groupPrice: 900, leaderPrice: null, price: 1_200 }],
    ['11', { groupPrice: 800, leaderPrice: 700, price: 1_300 }],
    // A SKU outside the campaign shows the campaign's lowest prices.
    ['99', { groupPrice: 800, leaderPrice: 650, price: 1_100 }],
  ])('SKU %s', (skuId, expected) => {
    expect(campaignPrices(campaign, skuId)).toEqual(expected);
  });

  it('is null for a campaign without SKUs', () => {
    expect(campaignPrices({ skus: [] })).toBeNull();
  });
});

describe('groupBuyErrorText', () => {
  it.each<[unknown, string]>([
    [new ApiError(409, 'GROUP_FULL', 'Group is full'), '这个团已经满员了，换个团或自己开一个吧'],
    [new ApiError(409, 'GROUP_OWN', 'own'), '不能参加自己开的团，分享给好友吧'],
    [new ApiError(422, 'GROUP_BUY_NEW_CUSTOMERS_ONLY', 'x'), '该拼团仅限新客参加'],
    [new ApiError(409, 'STOCK_INSUFFICIENT', 'Not enough stock for this item'), 'Not enough stock for this item'],
    [new Error('boom'), '出错了，请稍后再试'],
  ])('%s', (error, expected) => {
    expect(groupBuyErrorText(error)).toBe(expected);
  });
});

describe('successRateText', () => {
  it.each<[number | null, string]>([
    [null, '—'],
    [0, '0%'],
    [6_667, '66.67%'],
    [10_000, '100%'],
  ])('%s bp → %s', (bp, expected) => {
    expect(successRateText(bp)).toBe(expected);
  });
});
