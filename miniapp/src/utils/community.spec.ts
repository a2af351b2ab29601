import { communityScene, launchFactsOf, type PostView, type UserView } from '@weshop/shared';
import {
  canManageCommunity,
  communityFromQuery,
  communitySharePath,
  countText,
  postOutcome,
  postSharePath,
  productTagUrl,
} from './community';

describe('communityFromQuery', () => {
  it.each<[Record<string, string | undefined>, ReturnType<typeof communityFromQuery>]>([
    // A shared path or a tap inside the app: LINK.
    [{ id: '12' }, { id: '12', source: 'LINK' }],
    [
      { id: '12', ref: 'K7M3PQ' },
      { id: '12', source: 'LINK' },
    ],
    // The community's mini-program code: WeChat hands `scene` over URL-encoded, sometimes twice.
    [{ scene: communityScene(12) }, { id: '12', source: 'CODE' }],
    [{ scene: encodeURIComponent('c=12') }, { id: '12', source: 'CODE' }],
    [{ scene: encodeURIComponent(encodeURIComponent('c=34')) }, { id: '34', source: 'CODE' }],
    [{ scene: 'x=1&c=7' }, { id: '7', source: 'CODE' }],
    // The code wins over an id.
    [
      { scene: 'c=5', id: '6' },
      { id: '5', source: 'CODE' },
    ],
    // A scene that names no community (a product code) falls back to `id`.
    [
      { scene: 'r=K7M3PQ&p=a', id: '9' },
      { id: '9', source: 'LINK' },
    ],
    [{ scene: 'r=K7M3PQ&p=a' }, null],
    [{ id: 'abc' }, null],
    [{ id: '12345678901' }, null],
    [{ scene: 'c=' }, null],
    [{}, null],
  ])('%j → %j', (query, expected) => {
    expect(communityFromQuery(query)).toEqual(expected);
  });
});

describe('share paths', () => {
  const distributor = { ref: 'K7M3PQ', userId: '42' };
  const shopper = { ref: null, userId: '42' };

  it.each<[string, string, string]>([
    // An approved distributor's card carries `ref` (bound on the recipient's launch), never `sharer`.
    [
      'community, distributor',
      communitySharePath('12', distributor),
      '/pages/community/index?id=12&ref=K7M3PQ&communityId=12',
    ],
    ['community, shopper', communitySharePath('12', shopper), '/pages/community/index?id=12&sharer=42&communityId=12'],
    [
      'community, signed out',
      communitySharePath('12', { ref: null, userId: null }),
      '/pages/community/index?id=12&communityId=12',
    ],
    [
      'post, distributor',
      postSharePath('7', '12', distributor),
      '/subpackages/community/post/index?id=7&ref=K7M3PQ&postId=7&communityId=12',
    ],
    [
      'post, community not known yet',
      postSharePath('7', null, shopper),
      '/subpackages/community/post/index?id=7&sharer=42&postId=7',
    ],
  ])('%s', (_case, path, expected) => {
    expect(path).toBe(expected);
  });

  it('a shared community path reads back as the same community, with what the launch attributes', () => {
    const query = Object.fromEntries(new URLSearchParams(communitySharePath('42', distributor).split('?')[1]));
    expect(communityFromQuery(query)).toEqual({ id: '42', source: 'LINK' });
    expect(launchFactsOf(query)).toMatchObject({ ref: 'K7M3PQ', refFrom: 'LINK', communityId: 42 });
  });
});

describe('productTagUrl', () => {
  it.each<[string, string, string]>([
    ['/pages/product/index?id=3&ref=K7M3PQ', '9', '/pages/product/index?id=3&ref=K7M3PQ&postId=9'],
    ['/pages/product/index?id=3', '9', '/pages/product/index?id=3&postId=9'],
    ['pages/product/index?id=3', '9', '/pages/product/index?id=3&postId=9'],
    ['/pages/product/index?id=3&postId=9', '9', '/pages/product/index?id=3&postId=9'],
    ['/pages/product/index', '9', '/pages/product/index?postId=9'],
  ])('%s from post %s → %s', (path, postId, expected) => {
    expect(productTagUrl(path, postId)).toBe(expected);
  });
});

describe('canManageCommunity', () => {
  const user = (roles: UserView['roles']) => ({ roles }) as UserView;
  it.each<[Parameters<typeof canManageCommunity>[0], UserView | null, boolean]>([
    [{ myRole: 'MANAGER' }, user(['CONSUMER', 'COMMUNITY_MANAGER']), true],
    [{ myRole: 'MEMBER' }, user(['CONSUMER']), false],
    // COMMUNITY_MANAGER of another community is not enough.
    [{ myRole: 'MEMBER' }, user(['COMMUNITY_MANAGER']), false],
    [{ myRole: null }, user(['ADMIN']), true],
    [null, user(['ADMIN']), true],
    [null, null, false],
  ])('%j as %j → %s', (community, viewer, expected) => {
    expect(canManageCommunity(community, viewer)).toBe(expected);
  });
});

describe('postOutcome', () => {
  const post = (fields: Partial<PostView>) =>
    ({ status: 'PUBLISHED', publishAt: null, rejectReason: null, reviewReason: null, ...fields }) as PostView;

  it('names each status the server can answer with', () => {
    expect(postOutcome(post({ status: 'PUBLISHED' }))).toMatchObject({ status: 'PUBLISHED', title: '发布成功' });
    expect(postOutcome(post({ status: 'IN_REVIEW' }))).toMatchObject({
      title: '审核中',
      detail: '内容审核通过后自动发布',
    });
    expect(postOutcome(post({ status: 'IN_REVIEW', reviewReason: '图片待人工复核' })).detail).toBe(
      '需要人工审核：图片待人工复核',
    );
    expect(postOutcome(post({ status: 'REJECTED', rejectReason: '含违规词：代购' }))).toMatchObject({
      status: 'REJECTED',
      title: '未通过',
      detail: '原因：含违规词：代购',
    });
    expect(postOutcome(post({ status: 'DRAFT' })).title).toBe('已存草稿');
  });

  it('shows when a scheduled post goes out', () => {
    const at = new Date(2026, 11, 1, 20, 30);
    const outcome = postOutcome(post({ status: 'SCHEDULED', publishAt: at.toISOString() }));
    expect(outcome).toMatchObject({ status: 'SCHEDULED', title: '已定时', detail: '将于 2026-12-01 20:30 发布' });
  });
});

describe('countText', () => {
  it.each<[number, string]>([
    [0, '0'],
    [9_999, '9999'],
    [10_000, '1万'],
    [12_345, '1.2万'],
    [99_999, '9.9万'],
    [1_000_000, '100万'],
  ])('%i → %s', (n, expected) => {
    expect(countText(n)).toBe(expected);
  });
});
