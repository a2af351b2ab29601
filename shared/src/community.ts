import { z } from 'zod';
import { page, PageQuery } from './list';

/**
 * 社群与内容: fan communities (managers, members, announcements, join by link or mini-program
 * code) and their posts (note 图文, video, long article) with product tags, likes, favourites,
 * comments with one level of replies, views, pins and features, scheduled publication, content
 * security and moderation. Feeds are cursor-paginated: `{ items, nextCursor }`, where
 * `nextCursor` is opaque and null on the last page.
 */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Fen = z.number().int();
const MediaUrl = z.url({ protocol: /^https?$/ }).max(512);
const IsoTime = z.iso.datetime({ offset: true });

export const POST_TYPES = ['NOTE', 'VIDEO', 'ARTICLE'] as const;
export const PostType = z.enum(POST_TYPES);
export type PostType = z.infer<typeof PostType>;

export const POST_STATUSES = ['DRAFT', 'SCHEDULED', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'REMOVED'] as const;
export const PostStatus = z.enum(POST_STATUSES);
export type PostStatus = z.infer<typeof PostStatus>;

export const COMMUNITY_ROLES = ['MANAGER', 'MEMBER'] as const;
export const CommunityRole = z.enum(COMMUNITY_ROLES);
export type CommunityRole = z.infer<typeof CommunityRole>;

/** How a user joined: a shared link (card or path) or the community's mini-program code. */
export const JOIN_SOURCES = ['LINK', 'CODE'] as const;
export const JoinSource = z.enum(JOIN_SOURCES);
export type JoinSource = z.infer<typeof JoinSource>;

/** Limits the server enforces (also useful to the editor). */
export const POST_LIMITS = {
  titleMax: 64,
  textMax: 10_000,
  imagesMax: 9,
  productsMax: 9,
  commentMax: 500,
  reasonMax: 255,
  /** How far ahead a post may be scheduled. */
  scheduleMaxDays: 90,
} as const;

// ——— cursor pages ———

/** `?cursor=&limit=` of a cursor-paginated list. */
export const CursorQuery = z
  .object({
    cursor: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type CursorQuery = z.infer<typeof CursorQuery>;

/** `{ items, nextCursor }` around an item schema; `nextCursor` is null on the last page. */
export function cursorPage<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type CursorPage<T> = { items: T[]; nextCursor: string | null };

// ——— communities ———

export const CommunityIdParam = z.object({ id: Id }).strict();
export type CommunityIdParam = z.infer<typeof CommunityIdParam>;

export const CommunityMemberParam = z.object({ id: Id, userId: Id }).strict();
export type CommunityMemberParam = z.infer<typeof CommunityMemberParam>;

/** GET /communities?page=&pageSize=&mine= (`mine=true`: only those the caller joined). */
export const CommunityListQuery = PageQuery.extend({
  mine: z.enum(['true', 'false']).optional(),
}).strict();
export type CommunityListQuery = z.infer<typeof CommunityListQuery>;

export const CommunityView = z.object({
  id: z.string(),
  name: z.string(),
  cover: z.string(),
  intro: z.string(),
  announcement: z.string(),
  announcementAt: z.string().nullable(),
  memberCount: z.number().int(),
  /** Published posts. */
  postCount: z.number().int(),
  joined: z.boolean(),
  myRole: CommunityRole.nullable(),
  createdAt: z.string(),
});
export type CommunityView = z.infer<typeof CommunityView>;
export const CommunityPage = page(CommunityView);
export type CommunityPage = z.infer<typeof CommunityPage>;

/** Body of POST /communities/:id/join (optional; LINK by default). */
export const JoinCommunityRequest = z.object({ source: JoinSource.default('LINK') }).strict();
export type JoinCommunityRequest = z.infer<typeof JoinCommunityRequest>;

/** GET /communities/:id/members (members only) and /manage/communities/:id/members. */
export const MemberListQuery = PageQuery.extend({ role: CommunityRole.optional() }).strict();
export type MemberListQuery = z.infer<typeof MemberListQuery>;

export const CommunityMemberView = z.object({
  userId: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  role: CommunityRole,
  /** LINK, CODE or MANUAL (assigned by the shop). */
  source: z.string(),
  joinedAt: z.string(),
});
export type CommunityMemberView = z.infer<typeof CommunityMemberView>;
export const CommunityMemberPage = page(CommunityMemberView);
export type CommunityMemberPage = z.infer<typeof CommunityMemberPage>;

/** GET /communities/:id/share: what a share card and a poster need. */
export const CommunityShareView = z.object({
  /** Page path for useShareAppMessage, e.g. `/pages/community/index?id=12`. */
  path: z.string(),
  /** `scene` of the mini-program code: `c=<id>`. */
  scene: z.string(),
  /** The mini-program code (getwxacodeunlimit, page pages/community/index) as a data URL. */
  codeImage: z.string(),
});
export type CommunityShareView = z.infer<typeof CommunityShareView>;

/** Builds the `scene` of a community's mini-program code. */
export function communityScene(communityId: string | number): string {
  return `c=${communityId}`;
}

/** Reads a community id from a code's `scene` (`c=12`, possibly URL-encoded); null otherwise. */
export function parseCommunityScene(scene: string): string | null {
  let decoded = scene;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    // keep it as it came
  }
  const match = /(?:^|&)c=(\d{1,10})(?:&|$)/.exec(decoded);
  return match ? match[1] : null;
}

// ——— posts ———

export const PostIdParam = z.object({ id: Id }).strict();
export type PostIdParam = z.infer<typeof PostIdParam>;

const PostFields = {
  type: PostType,
  title: z.string().trim().max(POST_LIMITS.titleMax),
  text: z.string().trim().min(1).max(POST_LIMITS.textMax),
  images: z.array(MediaUrl).max(POST_LIMITS.imagesMax),
  videoUrl: MediaUrl,
  productIds: z
    .array(Id)
    .max(POST_LIMITS.productsMax)
    .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a product'),
  /** When to publish (future → SCHEDULED; past or absent → now). */
  publishAt: IsoTime,
};

/**
 * Body of POST /posts. `draft: true` keeps it a DRAFT (not checked, not published). Otherwise a
 * future `publishAt` makes it SCHEDULED; else it goes through content security now and comes
 * back PUBLISHED, IN_REVIEW or REJECTED (with `rejectReason`). A VIDEO needs `videoUrl`; an
 * ARTICLE needs a title.
 */
export const PostCreateRequest = z
  .object({
    communityId: Id,
    type: PostFields.type,
    title: PostFields.title.optional(),
    text: PostFields.text,
    images: PostFields.images.default([]),
    videoUrl: PostFields.videoUrl.optional(),
    productIds: PostFields.productIds.default([]),
    publishAt: PostFields.publishAt.optional(),
    draft: z.boolean().optional(),
  })
  .strict()
  .superRefine((post, ctx) => {
    if (post.type === 'VIDEO' && !post.videoUrl)
      ctx.addIssue({ code: 'custom', path: ['videoUrl'], message: 'a video post needs videoUrl' });
    if (post.type === 'ARTICLE' && !post.title)
      ctx.addIssue({ code: 'custom', path: ['title'], message: 'an article needs a title' });
  });
export type PostCreateRequest = z.infer<typeof PostCreateRequest>;

/**
 * Body of PATCH /posts/:id (the author; not once REMOVED). Absent fields stay; `videoUrl: null`
 * and `publishAt: null` clear. The edited post is checked again (or kept a draft with `draft: true`,
 * only before it was ever published).
 */
export const PostUpdateRequest = z
  .object({
    type: PostFields.type.optional(),
    title: PostFields.title.optional(),
    text: PostFields.text.optional(),
    images: PostFields.images.optional(),
    videoUrl: PostFields.videoUrl.nullable().optional(),
    productIds: PostFields.productIds.optional(),
    publishAt: PostFields.publishAt.nullable().optional(),
    draft: z.boolean().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type PostUpdateRequest = z.infer<typeof PostUpdateRequest>;

export const PostAuthor = z.object({
  id: z.string(),
  nickname: z.string(),
  avatarUrl: z.string(),
  isDistributor: z.boolean(),
});
export type PostAuthor = z.infer<typeof PostAuthor>;

/** A tagged product. `path` opens the product page and carries `ref=<code>` when the author is a distributor. */
export const PostProductView = z.object({
  id: z.string(),
  title: z.string(),
  price: Fen,
  image: z.string(),
  path: z.string(),
});
export type PostProductView = z.infer<typeof PostProductView>;

export const PostCounts = z.object({
  likes: z.number().int(),
  favourites: z.number().int(),
  comments: z.number().int(),
  views: z.number().int(),
});
export type PostCounts = z.infer<typeof PostCounts>;

export const PostView = z.object({
  id: z.string(),
  communityId: z.string(),
  communityName: z.string(),
  author: PostAuthor,
  type: PostType,
  title: z.string(),
  text: z.string(),
  images: z.array(z.string()),
  videoUrl: z.string().nullable(),
  status: PostStatus,
  products: z.array(PostProductView),
  counts: PostCounts,
  liked: z.boolean(),
  favourited: z.boolean(),
  pinned: z.boolean(),
  featured: z.boolean(),
  publishAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Why it was rejected or removed (null otherwise). */
  rejectReason: z.string().nullable(),
  /** Why a manager must look at it (IN_REVIEW; shown to the author and managers only). */
  reviewReason: z.string().nullable(),
  createdAt: z.string(),
});
export type PostView = z.infer<typeof PostView>;
export const PostCursorPage = cursorPage(PostView);
export type PostCursorPage = z.infer<typeof PostCursorPage>;

export const POST_FEEDS = ['discover', 'mine', 'favourites'] as const;
/**
 * GET /posts?feed=&cursor=&limit=: `discover` (featured first, then the newest published across
 * communities), `mine` (the caller's posts in every state, newest first), `favourites`.
 */
export const PostFeedQuery = CursorQuery.extend({ feed: z.enum(POST_FEEDS).default('discover') }).strict();
export type PostFeedQuery = z.infer<typeof PostFeedQuery>;

/** Body of POST /posts/:id/report (举报). Reporting twice changes nothing. */
export const ReportRequest = z.object({ reason: z.string().trim().min(1).max(POST_LIMITS.reasonMax) }).strict();
export type ReportRequest = z.infer<typeof ReportRequest>;

/** Answer of like / favourite / report routes: the caller's state and the counts. */
export const PostReactionView = z.object({
  liked: z.boolean(),
  favourited: z.boolean(),
  counts: PostCounts,
});
export type PostReactionView = z.infer<typeof PostReactionView>;

// ——— comments ———

/**
 * Body of POST /posts/:id/comments (answer: CommentItemView). A reply to a reply attaches to the
 * top comment. Text goes through the keyword list and msg_sec_check; refused → 422 CONTENT_REJECTED.
 */
export const CommentCreateRequest = z
  .object({ text: z.string().trim().min(1).max(POST_LIMITS.commentMax), replyToId: Id.optional() })
  .strict();
export type CommentCreateRequest = z.infer<typeof CommentCreateRequest>;

/** GET /posts/:id/comments: top comments oldest first; `parentId` pages through one comment's replies. */
export const CommentListQuery = CursorQuery.extend({ parentId: Id.optional() }).strict();
export type CommentListQuery = z.infer<typeof CommentListQuery>;

export const CommentAuthor = z.object({ id: z.string(), nickname: z.string(), avatarUrl: z.string() });

/** A comment or a reply, as POST /posts/:id/comments answers and as replies are listed. */
export const CommentItemView = z.object({
  id: z.string(),
  postId: z.string(),
  author: CommentAuthor,
  text: z.string(),
  /** The top comment a reply belongs to; null for a top comment. */
  parentId: z.string().nullable(),
  /** Whom a reply answers (the author of the comment or reply it was written to); null for a top comment. */
  replyTo: CommentAuthor.nullable(),
  createdAt: z.string(),
});
export type CommentItemView = z.infer<typeof CommentItemView>;
export const ReplyView = CommentItemView;
export type ReplyView = CommentItemView;

export const CommentView = z.object({
  id: z.string(),
  postId: z.string(),
  author: CommentAuthor,
  text: z.string(),
  createdAt: z.string(),
  replyCount: z.number().int(),
  /** The first replies (up to 3); page the rest with `?parentId=`. */
  replies: z.array(ReplyView),
});
export type CommentView = z.infer<typeof CommentView>;
export const CommentCursorPage = cursorPage(CommentView);
/** DELETE /posts/:id/comments/:commentId (its author or a manager of the community). */
export const CommentIdParam = z.object({ id: Id, commentId: Id }).strict();
export type CommentIdParam = z.infer<typeof CommentIdParam>;
export type CommentCursorPage = z.infer<typeof CommentCursorPage>;
export const ReplyCursorPage = cursorPage(ReplyView);
export type ReplyCursorPage = z.infer<typeof ReplyCursorPage>;

// ——— community managers: /manage/communities/:id/... ———

export const ManagedPostParam = z.object({ id: Id, postId: Id }).strict();
export type ManagedPostParam = z.infer<typeof ManagedPostParam>;

/** GET /manage/communities/:id/posts?status=&reported=&cursor= (default: IN_REVIEW, newest first). */
export const ModerationQuery = CursorQuery.extend({
  status: PostStatus.default('IN_REVIEW'),
  /** `true`: only posts someone reported. */
  reported: z.enum(['true', 'false']).optional(),
}).strict();
export type ModerationQuery = z.infer<typeof ModerationQuery>;

/** POST .../posts/:postId/approve (IN_REVIEW → PUBLISHED): no body. */
/** POST .../posts/:postId/reject (IN_REVIEW or PUBLISHED → REJECTED). */
export const RejectPostRequest = z.object({ reason: z.string().trim().min(1).max(POST_LIMITS.reasonMax) }).strict();
export type RejectPostRequest = z.infer<typeof RejectPostRequest>;

/** POST .../posts/:postId/remove (any state but REMOVED → REMOVED). */
export const RemovePostRequest = z
  .object({ reason: z.string().trim().min(1).max(POST_LIMITS.reasonMax).default('违反社群规范') })
  .strict();
export type RemovePostRequest = z.infer<typeof RemovePostRequest>;

/** POST .../posts/:postId/pin (published posts only). */
export const PinPostRequest = z.object({ pinned: z.boolean() }).strict();
export type PinPostRequest = z.infer<typeof PinPostRequest>;

/** POST .../posts/:postId/feature (published posts only; featured posts lead the discover feed). */
export const FeaturePostRequest = z.object({ featured: z.boolean() }).strict();
export type FeaturePostRequest = z.infer<typeof FeaturePostRequest>;

/** PUT /manage/communities/:id/announcement (empty clears it). */
export const AnnouncementRequest = z.object({ announcement: z.string().trim().max(1000) }).strict();
export type AnnouncementRequest = z.infer<typeof AnnouncementRequest>;

/** GET /manage/communities/:id/stats: simple counts (the analytics work extends it). */
export const CommunityStatsView = z.object({
  communityId: z.string(),
  members: z.number().int(),
  managers: z.number().int(),
  posts: z.record(PostStatus, z.number().int()),
  likes: z.number().int(),
  favourites: z.number().int(),
  comments: z.number().int(),
  views: z.number().int(),
  reports: z.number().int(),
  /** WeChat groups (opengid from share tickets) members launched the mini-program from. */
  wechatGroups: z.array(z.object({ opengid: z.string(), members: z.number().int(), lastSeenAt: z.string() })),
});
export type CommunityStatsView = z.infer<typeof CommunityStatsView>;

// ——— shop administration: /admin/communities ———

export const CommunityCreateRequest = z
  .object({
    name: z.string().trim().min(1).max(32),
    cover: MediaUrl.or(z.literal('')).default(''),
    intro: z.string().trim().max(500).default(''),
    announcement: z.string().trim().max(1000).default(''),
  })
  .strict();
export type CommunityCreateRequest = z.infer<typeof CommunityCreateRequest>;

export const CommunityUpdateRequest = z
  .object({
    name: z.string().trim().min(1).max(32).optional(),
    cover: MediaUrl.or(z.literal('')).optional(),
    intro: z.string().trim().max(500).optional(),
    announcement: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type CommunityUpdateRequest = z.infer<typeof CommunityUpdateRequest>;

/**
 * POST /admin/communities/:id/managers: makes the user a manager (joining them if needed; grants
 * the COMMUNITY_MANAGER role). DELETE /admin/communities/:id/managers/:userId makes them a member.
 */
export const ManagerAssignRequest = z.object({ userId: Id }).strict();
export type ManagerAssignRequest = z.infer<typeof ManagerAssignRequest>;

/**
 * PATCH /manage/communities/:id/members/:userId (a manager of that community, or an admin): sets a
 * member's role. The last manager cannot be demoted (409 COMMUNITY_LAST_MANAGER).
 * DELETE /manage/communities/:id/members/:userId removes a member (not a manager).
 */
export const MemberRoleRequest = z.object({ role: CommunityRole }).strict();
export type MemberRoleRequest = z.infer<typeof MemberRoleRequest>;

// ——— uploads ———

/** `POST /uploads` (multipart, one file field `file`): an image or a video. */
export const UPLOAD_LIMITS = {
  imageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  videoTypes: ['video/mp4', 'video/quicktime'],
} as const;

export const UploadResult = z.object({
  url: z.string(),
  kind: z.enum(['image', 'video']),
  mime: z.string(),
  bytes: z.number().int(),
});
export type UploadResult = z.infer<typeof UploadResult>;
