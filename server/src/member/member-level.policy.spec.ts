import {
  benefitsOf,
  growthYuan,
  levelFor,
  memberDayEntitled,
  nextLevelOf,
  type LevelRule,
} from './member-level.policy';

const level = (id: number, name: string, minGrowth: number, memberDayAccess = false): LevelRule => ({
  id,
  name,
  minGrowth,
  discountBp: 10_000 - id * 100,
  pointsMultiplierBp: 10_000 + id * 1_000,
  memberDayAccess,
});
const bronze = level(1, 'bronze', 0);
const silver = level(2, 'silver', 1_000, true);
const gold = level(3, 'gold', 5_000, true);
const levels = [gold, bronze, silver];

describe('levelFor: the highest level whose threshold (yuan) is reached', () => {
  it.each([
    [0, 'bronze'],
    [99_999, 'bronze'], // ¥999.99 floors to 999
    [100_000, 'silver'],
    [499_999, 'silver'],
    [500_000, 'gold'],
    [-500, 'bronze'], // refunds never make growth negative
  ])('%i fen → %s', (fen, name) => {
    expect(levelFor(levels, fen)?.name).toBe(name);
  });

  it('no levels, no level; growth below the lowest threshold, no level', () => {
    expect(levelFor([], 1_000_000)).toBeNull();
    expect(levelFor([silver], 100)).toBeNull();
  });

  it('growthYuan floors', () => expect(growthYuan(12_399)).toBe(123));
});

describe('nextLevelOf', () => {
  it.each([
    [0, 'silver', 1_000],
    [99_900, 'silver', 1],
    [100_000, 'gold', 4_000],
  ])('%i fen → %s, %i yuan to go', (fen, name, needed) => {
    expect(nextLevelOf(levels, fen)).toEqual({ level: expect.objectContaining({ name }), growthNeeded: needed });
  });
  it('none above the top', () => expect(nextLevelOf(levels, 600_000)).toBeNull());
});

describe('memberDayEntitled', () => {
  it.each([
    ['listed level', silver, [2, 3], true],
    ['unlisted level', bronze, [2, 3], false],
    ['no list: member-day access decides', silver, [], true],
    ['no list, no access', bronze, [], false],
    ['no level', null, [], false],
  ] as const)('%s', (_name, lvl, ids, expected) => {
    expect(memberDayEntitled(lvl, ids)).toBe(expected);
  });
});

describe('benefitsOf', () => {
  it('names the discount, the multiplier and member day', () => {
    expect(benefitsOf(gold, 20_000)).toEqual(['会员折扣 9.7 折', '积分 ×1.3', '会员日 (积分 ×2)']);
    expect(benefitsOf(null, 20_000)).toEqual([]);
  });
});
