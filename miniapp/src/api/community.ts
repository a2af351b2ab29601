import Taro from '@tarojs/taro';
import { z } from 'zod';
import {
  CommentCursorPage,
  CommentItemView,
  CommunityMemberPage,
  CommunityPage,
  CommunityShareView,
  CommunityStatsView,
  CommunityView,
  ErrorBody,
  PostCursorPage,
  PostReactionView,
  PostView,
  ReplyCursorPage,
  UploadResult,
  type CommunityCreateRequest,
  type CommunityRole,
  type JoinSource,
  type POST_FEEDS,
  type PostCreateRequest,
  type PostStatus,
  type PostUpdateRequest,
} from '@weshop/shared';
import { ApiError, BAD_RESPONSE, NETWORK_ERROR, buildUrl, request, runLogin } from './client';
import { session } from '../stores/session';

/**
 * 社群与内容: communities (browse, join, leave, members, share), posts (feeds, create, edit, like,
 * favourite, report, comments), the managers' console (/manage/communities/:id/...), the shop's
 * community administration (/admin/communities) and media uploads. Feeds are cursor pages
 * `{ items, nextCursor }`. Where the contract names no answer for an action, the answer is not
 * read (the page loads what it shows again).
 */

const Ignored = z.unknown();
const enc = encodeURIComponent;

export type PostFeed = (typeof POST_FEEDS)[number];
/** What a form sends: the contract's defaults (`images: []`, `productIds: []`) may be left out. */
export type PostCreateBody = z.input<typeof PostCreateRequest>;
export type CommunityCreateBody = z.input<typeof CommunityCreateRequest>;

interface CursorArgs {
  cursor?: string;
  limit?: number;
}

// ——— communities ———

/** `GET /api/v1/communities?page=&pageSize=&mine=` (`mine`: only those the caller joined). */
export function listCommunities(
  query: { page?: number; pageSize?: number; mine?: boolean } = {},
): Promise<CommunityPage> {
  return request('/api/v1/communities', CommunityPage, {
    query: { page: query.page, pageSize: query.pageSize, mine: query.mine ? 'true' : undefined },
  });
}

/** `GET /api/v1/communities/:id`: the community with the caller's membership (`joined`, `myRole`). */
export function getCommunity(id: string): Promise<CommunityView> {
  return request(`/api/v1/communities/${enc(id)}`, CommunityView);
}

/** `POST /api/v1/communities/:id/join { source }`: LINK from a shared path, CODE from the community's code. */
export function joinCommunity(id: string, source: JoinSource): Promise<CommunityView> {
  return request(`/api/v1/communities/${enc(id)}/join`, CommunityView, { method: 'POST', body: { source } });
}

/** `POST /api/v1/communities/:id/leave`. */
export function leaveCommunity(id: string): Promise<CommunityView> {
  return request(`/api/v1/communities/${enc(id)}/leave`, CommunityView, { method: 'POST', body: {} });
}

/** `GET /api/v1/communities/:id/members?page=&role=` (members only). */
export function listMembers(
  id: string,
  query: { page?: number; role?: CommunityRole } = {},
): Promise<CommunityMemberPage> {
  return request(`/api/v1/communities/${enc(id)}/members`, CommunityMemberPage, { query: { ...query } });
}

/** `GET /api/v1/communities/:id/share`: the card's path, the code's `scene` and the code image (data URL). */
export function getCommunityShare(id: string): Promise<CommunityShareView> {
  return request(`/api/v1/communities/${enc(id)}/share`, CommunityShareView);
}

/** `GET /api/v1/communities/:id/posts?cursor=&limit=`: the community's feed, pinned first. */
export function listCommunityPosts(id: string, args: CursorArgs = {}): Promise<PostCursorPage> {
  return request(`/api/v1/communities/${enc(id)}/posts`, PostCursorPage, { query: { ...args } });
}

// ——— posts ———

/** `GET /api/v1/posts?feed=&cursor=`: `discover` (featured, then newest), `mine` (every state), `favourites`. */
export function listPostFeed(feed: PostFeed, args: CursorArgs = {}): Promise<PostCursorPage> {
  return request('/api/v1/posts', PostCursorPage, { query: { feed, ...args } });
}

/** `GET /api/v1/posts/:id` (the server counts the view). */
export function getPost(id: string): Promise<PostView> {
  return request(`/api/v1/posts/${enc(id)}`, PostView);
}

/** `POST /api/v1/posts`: answers the post with its status (PUBLISHED, IN_REVIEW, SCHEDULED, REJECTED or DRAFT). */
export function createPost(body: PostCreateBody): Promise<PostView> {
  return request('/api/v1/posts', PostView, { method: 'POST', body });
}

/** `PATCH /api/v1/posts/:id` (the author): the edited post, checked again unless kept a draft. */
export function updatePost(id: string, body: PostUpdateRequest): Promise<PostView> {
  return request(`/api/v1/posts/${enc(id)}`, PostView, { method: 'PATCH', body });
}

/** `DELETE /api/v1/posts/:id`. */
export async function deletePost(id: string): Promise<void> {
  await request(`/api/v1/posts/${enc(id)}`, Ignored, { method: 'DELETE' });
}

/** `POST|DELETE /api/v1/posts/:id/like` (点赞 / 取消). */
export function likePost(id: string, liked: boolean): Promise<PostReactionView> {
  return request(`/api/v1/posts/${enc(id)}/like`, PostReactionView, {
    method: liked ? 'POST' : 'DELETE',
    body: liked ? {} : undefined,
  });
}

/** `POST|DELETE /api/v1/posts/:id/favourite` (收藏 / 取消). */
export function favouritePost(id: string, favourited: boolean): Promise<PostReactionView> {
  return request(`/api/v1/posts/${enc(id)}/favourite`, PostReactionView, {
    method: favourited ? 'POST' : 'DELETE',
    body: favourited ? {} : undefined,
  });
}

/** `POST /api/v1/posts/:id/report { reason }` (举报; twice changes nothing). */
export function reportPost(id: string, reason: string): Promise<PostReactionView> {
  return request(`/api/v1/posts/${enc(id)}/report`, PostReactionView, { method: 'POST', body: { reason } });
}

// ——— comments ———

/** `GET /api/v1/posts/:id/comments?cursor=`: top comments, oldest first, each with its first replies. */
export function listComments(postId: string, args: CursorArgs = {}): Promise<CommentCursorPage> {
  return request(`/api/v1/posts/${enc(postId)}/comments`, CommentCursorPage, { query: { ...args } });
}

/** `GET /api/v1/posts/:id/comments?parentId=&cursor=`: one comment's replies. */
export function listReplies(postId: string, parentId: string, args: CursorArgs = {}): Promise<ReplyCursorPage> {
  return request(`/api/v1/posts/${enc(postId)}/comments`, ReplyCursorPage, { query: { parentId, ...args } });
}

/** `POST /api/v1/posts/:id/comments { text, replyToId? }`: a reply to a reply joins the top comment. */
export function createComment(postId: string, body: { text: string; replyToId?: string }): Promise<CommentItemView> {
  return request(`/api/v1/posts/${enc(postId)}/comments`, CommentItemView, { method: 'POST', body });
}

/** `DELETE /api/v1/posts/:id/comments/:commentId` (its author or a manager). */
export async function deleteComment(postId: string, commentId: string): Promise<void> {
  await request(`/api/v1/posts/${enc(postId)}/comments/${enc(commentId)}`, Ignored, { method: 'DELETE' });
}

// ——— community managers: /manage/communities/:id/... ———

const manage = (communityId: string, rest = '') => `/api/v1/manage/communities/${enc(communityId)}${rest}`;

/** `GET .../posts?status=&reported=&cursor=`: the moderation queue (IN_REVIEW by default). */
export function listModeration(
  communityId: string,
  query: { status: PostStatus; reported?: boolean } & CursorArgs,
): Promise<PostCursorPage> {
  return request(manage(communityId, '/posts'), PostCursorPage, {
    query: { ...query, reported: query.reported ? 'true' : undefined },
  });
}

/** A moderation action on one post: `approve`, `reject { reason }`, `remove { reason }`, `pin`, `feature`. */
async function moderate(communityId: string, postId: string, action: string, body: object): Promise<void> {
  await request(manage(communityId, `/posts/${enc(postId)}/${action}`), Ignored, { method: 'POST', body });
}

/** 通过 (IN_REVIEW → PUBLISHED). */
export function approvePost(communityId: string, postId: string): Promise<void> {
  return moderate(communityId, postId, 'approve', {});
}

/** 驳回 with a reason the author sees (IN_REVIEW or PUBLISHED → REJECTED). */
export function rejectPost(communityId: string, postId: string, reason: string): Promise<void> {
  return moderate(communityId, postId, 'reject', { reason });
}

/** 移除 (any state but REMOVED); without a reason the server records 违反社群规范. */
export function removePost(communityId: string, postId: string, reason?: string): Promise<void> {
  return moderate(communityId, postId, 'remove', reason ? { reason } : {});
}

/** 置顶 / 取消置顶 (published posts). */
export function pinPost(communityId: string, postId: string, pinned: boolean): Promise<void> {
  return moderate(communityId, postId, 'pin', { pinned });
}

/** 精选 / 取消精选 (published posts; featured ones lead 发现). */
export function featurePost(communityId: string, postId: string, featured: boolean): Promise<void> {
  return moderate(communityId, postId, 'feature', { featured });
}

/** `GET .../members?page=&role=`. */
export function listManagedMembers(
  communityId: string,
  query: { page?: number; role?: CommunityRole } = {},
): Promise<CommunityMemberPage> {
  return request(manage(communityId, '/members'), CommunityMemberPage, { query: { ...query } });
}

/** `PATCH .../members/:userId { role }` (the last manager stays: 409 COMMUNITY_LAST_MANAGER). */
export async function setMemberRole(communityId: string, userId: string, role: CommunityRole): Promise<void> {
  await request(manage(communityId, `/members/${enc(userId)}`), Ignored, { method: 'PATCH', body: { role } });
}

/** `DELETE .../members/:userId` (移出社群; not a manager). */
export async function removeMember(communityId: string, userId: string): Promise<void> {
  await request(manage(communityId, `/members/${enc(userId)}`), Ignored, { method: 'DELETE' });
}

/** `PUT .../announcement { announcement }` (empty clears it). */
export async function setAnnouncement(communityId: string, announcement: string): Promise<void> {
  await request(manage(communityId, '/announcement'), Ignored, { method: 'PUT', body: { announcement } });
}

/** `GET .../stats`: members, posts by status, reactions, reports and the WeChat groups seen. */
export function getCommunityStats(communityId: string): Promise<CommunityStatsView> {
  return request(manage(communityId, '/stats'), CommunityStatsView);
}

// ——— the shop: /admin/communities ———

/** `GET /api/v1/admin/communities?page=`: every community. */
export function listAdminCommunities(page = 1): Promise<CommunityPage> {
  return request('/api/v1/admin/communities', CommunityPage, { query: { page } });
}

/** `POST /api/v1/admin/communities` (新建社群). */
export async function createCommunity(body: CommunityCreateBody): Promise<void> {
  await request('/api/v1/admin/communities', Ignored, { method: 'POST', body });
}

/** `POST /api/v1/admin/communities/:id/managers { userId }`: makes the user a manager (joining them if needed). */
export async function assignManager(communityId: string, userId: string): Promise<void> {
  await request(`/api/v1/admin/communities/${enc(communityId)}/managers`, Ignored, {
    method: 'POST',
    body: { userId },
  });
}

// ——— uploads ———

export type MediaKind = UploadResult['kind'];

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

async function sendUpload(filePath: string): Promise<{ status: number; data: unknown }> {
  const token = session.token();
  try {
    const res = await Taro.uploadFile({
      url: buildUrl('/api/v1/uploads'),
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: res.statusCode, data: parseJson(res.data) };
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '上传失败，请检查网络后重试');
  }
}

/**
 * `POST /api/v1/uploads` (multipart, field `file`) with a temp path from chooseImage / chooseVideo
 * (a blob URL in h5). The server checks the bytes; `kind` is what the editor expects back.
 */
export async function uploadMedia(filePath: string, kind: MediaKind): Promise<UploadResult> {
  let res = await sendUpload(filePath);
  if (res.status === 401) {
    await runLogin();
    res = await sendUpload(filePath);
  }
  if (res.status < 200 || res.status >= 300) {
    const body = ErrorBody.safeParse(res.data);
    if (body.success) {
      const { code, message, details } = body.data.error;
      throw new ApiError(res.status, code, message, details ?? {});
    }
    throw new ApiError(res.status, 'HTTP_ERROR', `上传失败 (${res.status})`);
  }
  const parsed = UploadResult.safeParse(res.data);
  if (!parsed.success) throw new ApiError(res.status, BAD_RESPONSE, '数据格式有误，请升级小程序');
  if (parsed.data.kind !== kind) {
    throw new ApiError(res.status, 'UPLOAD_KIND_MISMATCH', kind === 'image' ? '请选择图片' : '请选择视频');
  }
  return parsed.data;
}
