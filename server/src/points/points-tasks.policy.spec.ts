import { DEFAULT_POINTS_RULES } from '@weshop/shared';
import { completesFirstOrder, profileComplete, taskPoints, taskViews } from './points-tasks.policy';

type Profile = Parameters<typeof profileComplete>[0];
const complete: Profile = {
  nickname: '小明',
  avatarUrl: '/media/a.png',
  phone: '13800138000',
  birthday: new Date('1990-05-01'),
};

describe('profileComplete: nickname (not the login default), avatar, phone and birthday', () => {
  it.each<[string, Partial<Profile>, boolean]>([
    ['everything set', {}, true],
    ['the default nickname', { nickname: '微信用户a1b2' }, false],
    ['a blank nickname', { nickname: '  ' }, false],
    ['no avatar', { avatarUrl: '' }, false],
    ['no phone', { phone: null }, false],
    ['a blank phone', { phone: ' ' }, false],
    ['no birthday', { birthday: null }, false],
  ])('%s → %s', (_name, change, expected) => {
    expect(profileComplete({ ...complete, ...change })).toBe(expected);
  });
});

describe('completesFirstOrder: completed, money paid and not all refunded', () => {
  it.each([
    [{ status: 'COMPLETED', payable: 1_000, refundedAmount: 0 }, true],
    [{ status: 'COMPLETED', payable: 1_000, refundedAmount: 999 }, true],
    [{ status: 'COMPLETED', payable: 1_000, refundedAmount: 1_000 }, false],
    [{ status: 'CLOSED', payable: 1_000, refundedAmount: 1_000 }, false],
    [{ status: 'COMPLETED', payable: 0, refundedAmount: 0 }, false], // a 0-fen points-mall gift
    [{ status: 'SHIPPED', payable: 1_000, refundedAmount: 0 }, false],
  ])('%j → %s', (order, expected) => {
    expect(completesFirstOrder(order)).toBe(expected);
  });
});

describe('tasks under the rules', () => {
  const rules = { ...DEFAULT_POINTS_RULES, tasks: { FIRST_REVIEW: 50, COMPLETE_PROFILE: 0, FIRST_ORDER: 100 } };

  it('reads each task’s points (0 = off)', () => {
    expect(taskPoints(rules, 'FIRST_REVIEW')).toBe(50);
    expect(taskPoints(rules, 'COMPLETE_PROFILE')).toBe(0);
  });

  it('lists every task, done ones with what they gave and when', () => {
    const at = new Date('2026-11-24T08:00:00Z');
    expect(taskViews(rules, [{ task: 'FIRST_ORDER', points: 80, at }])).toEqual([
      { task: 'FIRST_REVIEW', title: '首次评价', points: 50, done: false, at: null },
      { task: 'COMPLETE_PROFILE', title: '完善资料', points: 0, done: false, at: null },
      { task: 'FIRST_ORDER', title: '首单完成', points: 80, done: true, at: '2026-11-24T08:00:00.000Z' },
    ]);
  });
});
