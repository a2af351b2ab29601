import { shareScene } from '@weshop/shared';
import {
  bindKey,
  bindSettled,
  decodeScene,
  productIdFromQuery,
  referralFromLaunch,
  type LaunchOptionsLike,
} from './referral';

describe('referralFromLaunch', () => {
  it.each<[string, LaunchOptionsLike, ReturnType<typeof referralFromLaunch>]>([
    [
      'a shared product path binds by LINK and stays on the product',
      { path: 'pages/product/index', query: { id: '12', ref: 'K7M3PQ' }, scene: 1007 },
      { bind: { code: 'K7M3PQ', source: 'LINK' }, openProductId: null },
    ],
    [
      'a lower-case ref is the same code (codes are upper case)',
      { path: 'pages/product/index', query: { id: '12', ref: 'k7m3pq' } },
      { bind: { code: 'K7M3PQ', source: 'LINK' }, openProductId: null },
    ],
    [
      'h5 paths start with a slash',
      { path: '/pages/product/index', query: { id: '12', ref: 'K7M3PQ', as: 'alice' } },
      { bind: { code: 'K7M3PQ', source: 'LINK' }, openProductId: null },
    ],
    [
      'a ref with an ambiguous letter (O, I, 0, 1) is no code: nothing is sent',
      { path: 'pages/product/index', query: { id: '12', ref: 'K7M3P0' } },
      { bind: null, openProductId: null },
    ],
    ['no ref, no scene: nothing', { path: 'pages/home/index', query: {} }, { bind: null, openProductId: null }],
    ['no query at all', { path: 'pages/home/index' }, { bind: null, openProductId: null }],
    [
      'a mini-program code on the home page binds by CODE and opens the product (base 36 id)',
      { path: 'pages/home/index', query: { scene: encodeURIComponent('r=K7M3PQ&p=2n9c') }, scene: 1047 },
      { bind: { code: 'K7M3PQ', source: 'CODE' }, openProductId: String(parseInt('2n9c', 36)) },
    ],
    [
      'a code that opens the product page itself: the page reads the scene',
      { path: 'pages/product/index', query: { scene: encodeURIComponent('r=K7M3PQ&p=2n9c') }, scene: 1048 },
      { bind: { code: 'K7M3PQ', source: 'CODE' }, openProductId: null },
    ],
    [
      'a scene decoded once already by a relay',
      { path: 'pages/home/index', query: { scene: 'r=K7M3PQ&p=c' } },
      { bind: { code: 'K7M3PQ', source: 'CODE' }, openProductId: '12' },
    ],
    [
      'a scene encoded twice',
      { path: 'pages/home/index', query: { scene: encodeURIComponent(encodeURIComponent('r=K7M3PQ&p=c')) } },
      { bind: { code: 'K7M3PQ', source: 'CODE' }, openProductId: '12' },
    ],
    [
      'a scene with a product but no valid code opens the product without binding',
      { path: 'pages/home/index', query: { scene: encodeURIComponent('r=BAD&p=c') } },
      { bind: null, openProductId: '12' },
    ],
    [
      'a scene without a code falls back to a ref in the same query',
      { path: 'pages/home/index', query: { scene: 'p=c', ref: 'K7M3PQ' } },
      { bind: { code: 'K7M3PQ', source: 'LINK' }, openProductId: '12' },
    ],
    [
      'a scene that is not ours (garbage) is ignored',
      { path: 'pages/home/index', query: { scene: '%E0%A4%A' } },
      { bind: null, openProductId: null },
    ],
  ])('%s', (_name, options, expected) => {
    expect(referralFromLaunch(options)).toEqual(expected);
  });

  it('reads what shareScene writes (the server builds the code from it)', () => {
    const scene = shareScene('ABCDEF', 123456);
    expect(scene.length).toBeLessThanOrEqual(32);
    expect(referralFromLaunch({ path: 'pages/home/index', query: { scene: encodeURIComponent(scene) } })).toEqual({
      bind: { code: 'ABCDEF', source: 'CODE' },
      openProductId: '123456',
    });
  });
});

describe('productIdFromQuery', () => {
  it.each<[Record<string, string | undefined>, string]>([
    [{ id: '12' }, '12'],
    [{ id: '12', scene: encodeURIComponent('r=K7M3PQ&p=zz') }, '12'],
    [{ scene: encodeURIComponent('r=K7M3PQ&p=c') }, '12'],
    [{ scene: encodeURIComponent('r=K7M3PQ') }, ''],
    [{}, ''],
  ])('%j -> %j', (query, id) => {
    expect(productIdFromQuery(query)).toBe(id);
  });
});

describe('decodeScene', () => {
  it.each([
    ['r%3DK7M3PQ%26p%3Dc', 'r=K7M3PQ&p=c'],
    ['r%253DK7M3PQ', 'r=K7M3PQ'],
    ['r=K7M3PQ&p=c', 'r=K7M3PQ&p=c'],
    ['%E0%A4%A', '%E0%A4%A'],
  ])('%j -> %j', (raw, decoded) => {
    expect(decodeScene(raw)).toBe(decoded);
  });
});

describe('bindSettled: a pending bind is dropped once the server answered', () => {
  it.each<[number, boolean]>([
    [200, true],
    [404, true], // REFERRAL_CODE_UNKNOWN
    [409, true], // REFERRAL_SELF / REFERRAL_CYCLE
    [400, true],
    [401, false], // not logged in yet: the next launch sends it
    [429, false],
    [500, false],
    [503, false],
    [0, false], // no answer at all
  ])('%i -> %s', (status, settled) => {
    expect(bindSettled(status)).toBe(settled);
  });
});

it('bindKey tells LINK and CODE of one code apart', () => {
  expect(bindKey({ code: 'K7M3PQ', source: 'LINK' })).not.toBe(bindKey({ code: 'K7M3PQ', source: 'CODE' }));
});
