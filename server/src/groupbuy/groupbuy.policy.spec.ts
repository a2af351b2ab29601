import {
  campaignProblems,
  campaignRefusal,
  expiryOutcome,
  groupUnitPrice,
  joinRefusal,
  seatsLeft,
  type CampaignFacts,
  type GroupFacts,
} from './groupbuy.policy';

const now = new Date('2026-11-24T10:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe('campaignRefusal', () => {
  const campaign: CampaignFacts = {
    status: 'ACTIVE',
    startsAt: at(-60),
    endsAt: at(60),
    groupSize: 3,
    perOrderLimit: 2,
    autoComplete: false,
    autoCompleteMinPaidBp: 0,
  };
  it.each<[string, Partial<CampaignFacts>, string | null]>([
    ['active in its window', {}, null],
    ['disabled', { status: 'DISABLED' }, 'NOT_ACTIVE'],
    ['not started', { startsAt: at(1) }, 'NOT_STARTED'],
    ['ended exactly now', { endsAt: now }, 'ENDED'],
    ['starting exactly now', { startsAt: now }, null],
  ])('%s', (_name, change, expected) => {
    expect(campaignRefusal({ ...campaign, ...change }, now)).toBe(expected);
  });
});

describe('groupUnitPrice', () => {
  it.each([
    [{ groupPrice: 5000, leaderPrice: 4500 }, true, 4500],
    [{ groupPrice: 5000, leaderPrice: 4500 }, false, 5000],
    [{ groupPrice: 5000, leaderPrice: null }, true, 5000],
  ])('%j leader=%s → %i', (sku, leader, price) => {
    expect(groupUnitPrice(sku, leader)).toBe(price);
  });
});

describe('joinRefusal', () => {
  const group: GroupFacts = { status: 'FORMING', leaderId: 1, size: 3, seatsTaken: 1, expiresAt: at(30) };
  it.each<[string, Partial<GroupFacts>, number, boolean, string | null]>([
    ['a free seat', {}, 2, false, null],
    ['the last seat', { seatsTaken: 2 }, 2, false, null],
    ['full', { seatsTaken: 3 }, 2, false, 'FULL'],
    ['one’s own group', {}, 1, false, 'OWN'],
    ['twice', {}, 2, true, 'ALREADY_JOINED'],
    ['leader has not paid yet', { status: 'PENDING', expiresAt: null }, 2, false, 'NOT_JOINABLE'],
    ['expired', { expiresAt: now }, 2, false, 'NOT_JOINABLE'],
    ['succeeded', { status: 'SUCCEEDED' }, 2, false, 'NOT_JOINABLE'],
    ['failed', { status: 'FAILED' }, 2, false, 'NOT_JOINABLE'],
  ])('%s', (_name, change, userId, member, expected) => {
    expect(joinRefusal({ ...group, ...change }, userId, member, now)).toBe(expected);
  });

  it('never counts negative seats', () => {
    expect(seatsLeft({ size: 3, seatsTaken: 5 })).toBe(0);
    expect(seatsLeft({ size: 3, seatsTaken: 1 })).toBe(2);
  });
});

describe('expiryOutcome', () => {
  it.each<[number, number, boolean, number, string]>([
    // size, paid, autoComplete, threshold bp, outcome
    [3, 2, false, 0, 'FAIL'],
    [3, 2, true, 6000, 'SUCCEED'], // 66.7% ≥ 60%
    [3, 2, true, 7000, 'FAIL'], // 66.7% < 70%
    [3, 1, true, 0, 'SUCCEED'], // only the leader, no threshold
    [3, 0, true, 0, 'FAIL'], // nobody paid
    [10, 5, true, 5000, 'SUCCEED'], // exactly the threshold
    [2, 1, true, 10000, 'FAIL'],
  ])('size %i with %i paid, 模拟成团 %s at %i bp → %s', (size, paidCount, autoComplete, bp, outcome) => {
    expect(expiryOutcome({ size, paidCount }, { autoComplete, autoCompleteMinPaidBp: bp })).toBe(outcome);
  });
});

describe('campaignProblems', () => {
  const draft = {
    groupSize: 3,
    durationMinutes: 60,
    startsAt: at(0),
    endsAt: at(600),
    perOrderLimit: 1,
    perUserLimit: 2,
    skus: [{ skuId: '1', groupPrice: 5000, leaderPrice: 4500, price: 6000 }],
  };
  it('accepts a sound campaign', () => expect(campaignProblems(draft)).toEqual([]));
  it.each<[string, object, string]>([
    ['an empty window', { endsAt: at(0) }, 'endsAt'],
    ['a group of one', { groupSize: 1 }, 'groupSize'],
    ['a group of eleven', { groupSize: 11 }, 'groupSize'],
    ['per order above per user', { perOrderLimit: 3 }, 'perOrderLimit'],
    [
      'a group price above the SKU price',
      { skus: [{ skuId: '1', groupPrice: 7000, leaderPrice: null, price: 6000 }] },
      'skus[0].groupPrice',
    ],
    [
      'a leader price above the group price',
      { skus: [{ skuId: '1', groupPrice: 5000, leaderPrice: 5500, price: 6000 }] },
      'skus[0].leaderPrice',
    ],
    [
      'a SKU twice',
      {
        skus: [
          { skuId: '1', groupPrice: 5000, leaderPrice: null, price: 6000 },
          { skuId: '1', groupPrice: 5000, leaderPrice: null, price: 6000 },
        ],
      },
      'skus',
    ],
  ])('refuses %s', (_name, change, path) => {
    expect(campaignProblems({ ...draft, ...change }).map((p) => p.path)).toContain(path);
  });
});
