import {
  AnalyticsEventInput,
  EventsRequest,
  launchFactsOf,
  LaunchRequest,
  MAX_EVENTS_PER_BATCH,
  shareQueryOf,
  sourceOfScene,
  type LaunchFacts,
  type TrafficSource,
} from './attribution';

describe('sourceOfScene: launch scene → traffic source (PRODUCT.md "Analytics", WECHAT.md §C.7)', () => {
  it.each<[number | null | undefined, TrafficSource]>([
    [1007, 'SINGLE_CHAT'],
    [1008, 'GROUP_CHAT'],
    [1044, 'GROUP_CHAT'],
    [1154, 'MOMENTS'],
    [1155, 'MOMENTS'],
    [1047, 'CODE'],
    [1048, 'CODE'],
    [1049, 'CODE'],
    [1011, 'CODE'],
    [1013, 'CODE'],
    [1005, 'SEARCH'],
    [1006, 'SEARCH'],
    [1053, 'SEARCH'],
    [1001, 'DIRECT'],
    [1089, 'DIRECT'],
    [0, 'DIRECT'],
    [null, 'DIRECT'],
    [undefined, 'DIRECT'],
    [1037, 'OTHER'],
    [1038, 'OTHER'],
    [9999, 'OTHER'],
  ])('scene %p → %s', (scene, source) => {
    expect(sourceOfScene(scene)).toBe(source);
  });
});

describe('launchFactsOf: what a launch query says', () => {
  const none: LaunchFacts = {
    ref: null,
    refFrom: null,
    sharerId: null,
    postId: null,
    communityId: null,
    groupBuyId: null,
  };
  it.each<[string, Record<string, string>, Partial<LaunchFacts>]>([
    ['nothing', {}, {}],
    ['a shared path', { id: '12', ref: 'k7m3pq', postId: '7' }, { ref: 'K7M3PQ', refFrom: 'LINK', postId: 7 }],
    [
      'every key',
      { ref: 'K7M3PQ', sharer: '42', postId: '7', communityId: '3', groupId: '99' },
      { ref: 'K7M3PQ', refFrom: 'LINK', sharerId: 42, postId: 7, communityId: 3, groupBuyId: 99 },
    ],
    ['a mini-program code', { scene: encodeURIComponent('r=ABCDEF&p=c') }, { ref: 'ABCDEF', refFrom: 'CODE' }],
    [
      'a code scene twice encoded wins over ref',
      { scene: encodeURIComponent(encodeURIComponent('r=ABCDEF&p=c')), ref: 'K7M3PQ' },
      { ref: 'ABCDEF', refFrom: 'CODE' },
    ],
    [
      'a code without referral leaves ref to the path',
      { scene: 'p=c', ref: 'K7M3PQ' },
      { ref: 'K7M3PQ', refFrom: 'LINK' },
    ],
    ['a malformed ref (ambiguous letters)', { ref: 'O0I1XX' }, {}],
    ['ids that are not ids', { sharer: '-1', postId: 'abc', communityId: '0', groupId: '1.5' }, {}],
    ['ids beyond INT', { postId: '2147483648', sharer: '99999999999' }, {}],
    ['the largest INT', { postId: '2147483647' }, { postId: 2_147_483_647 }],
    ['a broken escape in scene', { scene: '%E0%A4%A' }, {}],
    ["a community's own code", { scene: 'c%3D12' }, { communityId: 12 }],
    ['an explicit community wins over the code', { scene: 'c=12', communityId: '3' }, { communityId: 3 }],
  ])('%s', (_name, query, expected) => {
    expect(launchFactsOf(query)).toEqual({ ...none, ...expected });
  });
});

it('shareQueryOf writes the keys launchFactsOf reads', () => {
  const query = shareQueryOf({ ref: 'K7M3PQ', sharer: '42', postId: '7', communityId: null, groupId: '5' });
  expect(query).toEqual({ ref: 'K7M3PQ', sharer: '42', postId: '7', groupId: '5' });
  expect(launchFactsOf(query)).toMatchObject({ ref: 'K7M3PQ', sharerId: 42, postId: 7, groupBuyId: 5 });
});

describe('LaunchRequest', () => {
  it.each<[string, unknown, boolean]>([
    [
      'weapp launch',
      { scene: 1044, path: 'pages/home/index', query: {}, shareTicket: { encryptedData: 'x', iv: 'y' } },
      true,
    ],
    ['h5 launch (scene 0)', { scene: 0, path: 'pages/home/index', query: { as: 'alice' } }, true],
    ['no scene', { scene: null, path: '', query: {} }, true],
    ['query omitted', { scene: 1007, path: 'pages/home/index' }, true],
    ['scene as a string', { scene: '1044', path: '', query: {} }, false],
    ['negative scene', { scene: -1, path: '', query: {} }, false],
    ['path too long', { scene: 1, path: 'p'.repeat(256), query: {} }, false],
    ['a non-string query value', { scene: 1, path: '', query: { id: 12 } }, false],
    [
      'too many query keys',
      { scene: 1, path: '', query: Object.fromEntries([...Array(33)].map((_, i) => [`k${i}`, 'v'])) },
      false,
    ],
    ['an unknown field', { scene: 1, path: '', query: {}, openid: 'o' }, false],
    ['an empty share ticket', { scene: 1044, path: '', query: {}, shareTicket: { encryptedData: '', iv: '' } }, false],
  ])('%s', (_name, body, valid) => {
    expect(LaunchRequest.safeParse(body).success).toBe(valid);
  });
});

describe('AnalyticsEventInput', () => {
  const at = '2026-11-24T08:00:00.000Z';
  it.each<[string, unknown, boolean]>([
    ['page view', { type: 'PAGE_VIEW', at, page: 'pages/home/index' }, true],
    ['product view', { type: 'PRODUCT_VIEW', at, productId: '12', visitId: '3', page: 'pages/product/index' }, true],
    ['post view', { type: 'POST_VIEW', at, postId: '7' }, true],
    ['share', { type: 'SHARE', at, productId: '12' }, true],
    ['add to cart', { type: 'ADD_TO_CART', at: '2026-11-24T16:00:00+08:00', productId: '12' }, true],
    ['page view without page', { type: 'PAGE_VIEW', at }, false],
    ['product view without product', { type: 'PRODUCT_VIEW', at, page: 'x' }, false],
    ['post view without post', { type: 'POST_VIEW', at }, false],
    ['unknown type', { type: 'CLICK', at, page: 'x' }, false],
    ['bad time', { type: 'SHARE', at: 'yesterday' }, false],
    ['numeric id', { type: 'PRODUCT_VIEW', at, productId: 12 }, false],
    ['unknown field', { type: 'SHARE', at, userId: '1' }, false],
  ])('%s', (_name, event, valid) => {
    expect(AnalyticsEventInput.safeParse(event).success).toBe(valid);
  });

  it(`EventsRequest takes 1..${MAX_EVENTS_PER_BATCH} events`, () => {
    const event = { type: 'SHARE', at };
    expect(EventsRequest.safeParse({ events: [] }).success).toBe(false);
    expect(EventsRequest.safeParse({ events: Array(MAX_EVENTS_PER_BATCH).fill(event) }).success).toBe(true);
    expect(EventsRequest.safeParse({ events: Array(MAX_EVENTS_PER_BATCH + 1).fill(event) }).success).toBe(false);
  });
});
