import {
  parseCommunityScene,
  shareQueryOf,
  type ShareFacts,
  type CommunityRole,
  type CommunityView,
  type JoinSource,
  type PostStatus,
  type PostType,
  type PostView,
  type UserView,
} from '@weshop/shared';
import { decodeScene } from './referral';
import { formatTime } from './order-status';

/** 社群与内容 in the mini-program: labels, how a page learns its community, share paths. Pure. */

export const POST_STATUS_TEXT: Record<PostStatus, string> = {
  DRAFT: '草稿',
  SCHEDULED: '定时发布',
  IN_REVIEW: '审核中',
  PUBLISHED: '已发布',
  REJECTED: '未通过',
  REMOVED: '已移除',
};

export const POST_TYPE_TEXT: Record<PostType, string> = { NOTE: '图文', VIDEO: '视频', ARTICLE: '长文' };

export const COMMUNITY_ROLE_TEXT: Record<CommunityRole, string> = { MANAGER: '主理人', MEMBER: '成员' };

/** How a member joined (the contract's JoinSource, plus MANUAL: appointed by the shop). */
export const JOIN_SOURCE_TEXT: Record<string, string> = { LINK: '分享链接', CODE: '小程序码', MANUAL: '店铺指定' };

/** The community a page was opened for, and how: its mini-program code (CODE) or a shared link (LINK). */
export interface CommunityEntry {
  id: string;
  source: JoinSource;
}

const ID = /^\d{1,10}$/;

/**
 * Reads the community from a page's query: the `scene` of its code (`c=<id>`, URL-encoded by
 * WeChat, source CODE) wins; otherwise `id` of a shared path or a tap inside the app (LINK).
 * Null when neither names a community.
 */
export function communityFromQuery(query: Record<string, string | undefined>): CommunityEntry | null {
  if (query.scene) {
    const id = parseCommunityScene(decodeScene(query.scene));
    if (id) return { id, source: 'CODE' };
  }
  const id = query.id ? decodeScene(query.id).trim() : '';
  return ID.test(id) ? { id, source: 'LINK' } : null;
}

/** Who shares: an approved distributor's referral code, else the signed-in user's id (or nobody). */
export interface Sharer {
  ref: string | null;
  userId: string | null;
}

/** `?id=…` then the attribution keys of a share path (shared SHARE_QUERY_KEYS), empty ones left out. */
function sharePath(page: string, id: string, facts: ShareFacts, sharer: Sharer): string {
  const query = shareQueryOf({ ...facts, ref: sharer.ref, sharer: sharer.ref ? null : sharer.userId });
  const rest = Object.entries(query).map(([key, value]) => `&${key}=${encodeURIComponent(value)}`);
  return `/${page}?id=${encodeURIComponent(id)}${rest.join('')}`;
}

/**
 * A share card of the community: `/pages/community/index?id=12&ref=K7M3PQ&communityId=12`. `ref`
 * only for an approved distributor (else `sharer`); `communityId` lets the launch attribute the visit.
 */
export function communitySharePath(communityId: string, sharer: Sharer): string {
  return sharePath('pages/community/index', communityId, { communityId }, sharer);
}

/** A share card of one post: `/subpackages/community/post/index?id=7&ref=K7M3PQ&postId=7&communityId=12`. */
export function postSharePath(postId: string, communityId: string | null, sharer: Sharer): string {
  return sharePath('subpackages/community/post/index', postId, { postId, communityId }, sharer);
}

/**
 * Where a product tag leads: the server's `path` (the product page, with the author's `ref` when
 * the author is a distributor), plus `postId` for content-to-order attribution unless it has one.
 */
export function productTagUrl(path: string, postId: string): string {
  const url = path.startsWith('/') ? path : `/${path}`;
  if (/[?&]postId=/.test(url)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}postId=${encodeURIComponent(postId)}`;
}

/** Whether the viewer runs this community's console: one of its managers, or a shop admin. */
export function canManageCommunity(community: Pick<CommunityView, 'myRole'> | null, user: UserView | null): boolean {
  return community?.myRole === 'MANAGER' || Boolean(user?.roles.includes('ADMIN'));
}

/** What the author reads after submitting: the post's status, and why or when. */
export interface PostOutcome {
  status: PostStatus;
  title: string;
  detail: string;
}

export function postOutcome(
  post: Pick<PostView, 'status' | 'publishAt' | 'rejectReason' | 'reviewReason'>,
): PostOutcome {
  switch (post.status) {
    case 'PUBLISHED':
      return { status: post.status, title: '发布成功', detail: '帖子已发布到社群' };
    case 'IN_REVIEW':
      return {
        status: post.status,
        title: '审核中',
        detail: post.reviewReason ? `需要人工审核：${post.reviewReason}` : '内容审核通过后自动发布',
      };
    case 'SCHEDULED':
      return {
        status: post.status,
        title: '已定时',
        detail: post.publishAt ? `将于 ${formatTime(post.publishAt)} 发布` : '将按时发布',
      };
    case 'REJECTED':
      return { status: post.status, title: '未通过', detail: `原因：${post.rejectReason ?? '内容不符合社群规范'}` };
    case 'DRAFT':
      return { status: post.status, title: '已存草稿', detail: '可在“我的帖子”中继续编辑' };
    case 'REMOVED':
      return { status: post.status, title: '已移除', detail: post.rejectReason ?? '' };
  }
}

/** A count as the feed shows it: 1.2万 from ten thousand on. */
export function countText(n: number): string {
  if (n < 10_000) return String(n);
  const tenths = Math.floor(n / 1_000);
  return `${Math.floor(tenths / 10)}${tenths % 10 ? `.${tenths % 10}` : ''}万`;
}

/** 举报 reasons offered in the action sheet (WeChat shows at most six). */
export const REPORT_REASONS = ['广告营销', '色情低俗', '违法违规', '不实信息', '人身攻击', '其他'] as const;
