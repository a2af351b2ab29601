import type { LaunchFacts, TrafficSource } from '@weshop/shared';
import { bindSourceOf, sharerOf, visitPath } from './launch.policy';

describe('bindSourceOf: how a launch referral binds', () => {
  it.each<[TrafficSource, LaunchFacts['refFrom'], 'LINK' | 'CODE']>([
    ['SINGLE_CHAT', 'LINK', 'LINK'],
    ['GROUP_CHAT', 'LINK', 'LINK'],
    ['MOMENTS', 'LINK', 'LINK'],
    ['DIRECT', 'LINK', 'LINK'],
    ['CODE', 'LINK', 'CODE'],
    ['CODE', 'CODE', 'CODE'],
    ['DIRECT', 'CODE', 'CODE'],
  ])('%s with a ref from %s → %s', (source, refFrom, expected) => {
    expect(bindSourceOf(source, refFrom)).toBe(expected);
  });
});

describe('sharerOf', () => {
  it.each<[string, number | null, number | null, number | null]>([
    ['nobody', null, null, null],
    ['the ref owner', null, 20, 20],
    ['an explicit sharer wins over the ref owner', 30, 20, 30],
    ['opening my own share names nobody', 7, null, null],
    ['my own explicit key falls back to the ref owner', 7, 20, 20],
    ['my own ref code', null, 7, null],
  ])('%s', (_name, explicitSharer, refOwner, expected) => {
    expect(sharerOf({ userId: 7, explicitSharer, refOwner })).toBe(expected);
  });
});

it.each([
  ['pages/product/index', 'pages/product/index'],
  ['/pages/product/index', 'pages/product/index'],
  ['//pages/home/index?as=alice', 'pages/home/index'],
  ['', ''],
])('visitPath(%p) = %p', (path, stored) => {
  expect(visitPath(path)).toBe(stored);
});
