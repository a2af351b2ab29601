import { ApiError } from '../../../api/client';
import {
  emptyLevelForm,
  formToLevel,
  levelBenefitsText,
  levelFormOf,
  levelIssuesOf,
  type LevelForm,
} from './level-form';

const form = (patch: Partial<LevelForm>): LevelForm => ({
  ...emptyLevelForm(),
  name: '银卡',
  minGrowth: '1000',
  ...patch,
});

describe('formToLevel', () => {
  it.each<[string, Partial<LevelForm>, Record<string, unknown>]>([
    ['the defaults: no discount, ×1', {}, { discountBp: 10_000, pointsMultiplierBp: 10_000, memberDayAccess: false }],
    [
      '9.5折, ×1.5, member day',
      { zhe: '9.5', multiplier: '1.5', memberDayAccess: true },
      { discountBp: 9_500, pointsMultiplierBp: 15_000, memberDayAccess: true },
    ],
  ])('%s', (_, patch, expected) => {
    expect(formToLevel(form(patch))).toEqual({ ok: true, request: { name: '银卡', minGrowth: 1_000, ...expected } });
  });

  it.each<[string, Partial<LevelForm>, string[]]>([
    ['no name', { name: ' ' }, ['name']],
    ['a negative threshold', { minGrowth: '-1' }, ['minGrowth']],
    ['12折 would raise prices', { zhe: '12' }, ['discountBp']],
    ['0折 is not a discount', { zhe: '0' }, ['discountBp']],
    ['a negative multiplier', { multiplier: '-2' }, ['pointsMultiplierBp']],
    ['×11', { multiplier: '11' }, ['pointsMultiplierBp']],
  ])('%s is refused', (_, patch, paths) => {
    const result = formToLevel(form(patch));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(paths);
  });

  it('round-trips a level', () => {
    const level = {
      id: '2',
      name: '金卡',
      minGrowth: 5_000,
      discountBp: 8_800,
      pointsMultiplierBp: 20_000,
      memberDayAccess: true,
    };
    const back = formToLevel(levelFormOf(level));
    expect(back).toEqual({ ok: true, request: { ...level, id: undefined } });
  });
});

describe('levelIssuesOf', () => {
  it.each([
    [
      'a threshold another level starts at',
      new ApiError(409, 'MEMBER_LEVEL_GROWTH_TAKEN', 'taken', { minGrowth: 1000 }),
      [{ path: 'minGrowth', message: '已有等级从这个成长值开始' }],
    ],
    [
      'the contract’s message on its field',
      new ApiError(400, 'VALIDATION_FAILED', 'Invalid', {
        fields: [{ path: 'discountBp', message: 'discountBp above 10000' }],
      }),
      [{ path: 'discountBp', message: 'discountBp above 10000' }],
    ],
    [
      'anything else at the top',
      new ApiError(404, 'MEMBER_LEVEL_NOT_FOUND', '等级不存在'),
      [{ path: '', message: '等级不存在' }],
    ],
  ])('%s', (_, error, issues) => {
    expect(levelIssuesOf(error)).toEqual(issues);
  });
});

it.each([
  [{ discountBp: 9_500, pointsMultiplierBp: 15_000, memberDayAccess: true }, '9.5折 · 积分×1.5 · 可参加会员日'],
  [{ discountBp: 10_000, pointsMultiplierBp: 10_000, memberDayAccess: false }, '无折扣 · 积分×1 · 不参加会员日'],
])('levelBenefitsText(%j) = %j', (level, text) => {
  expect(levelBenefitsText(level)).toBe(text);
});
