import { Inject, Injectable } from '@nestjs/common';
import {
  POST_LIMITS,
  type CursorQuery,
  type PostCreateRequest,
  type PostCursorPage,
  type PostFeedQuery,
  type PostStatus,
  type PostUpdateRequest,
  type PostView,
} from '@weshop/shared';
import { CommunityAccess } from '../community/community-access';
import { canEditPost, canSeePost, type CommunityActor } from '../community/community.policy';
import { CommunityNotFound } from '../community/community.errors';
import { CommunityRepository } from '../community/community.repository';
import { Clock } from '../infra/clock';
import { PrismaService } from '../infra/prisma/prisma.service';
import { RedisService } from '../infra/redis/redis.service';
import { FeedCache } from './feed-cache';
import { decodeCursor, pageOf, type FeedCursor } from './feed-cursor';
import { contentOf, PostPublication, reasonOf } from './post-publication.service';
import { canApply, canSaveDraft, submissionTarget } from './post-state';
import {
  CursorInvalid,
  NotThePostAuthor,
  PostChangedMeanwhile,
  PostNotEditable,
  PostNotFound,
  PostProductUnknown,
  PostScheduleTooFar,
} from './post.errors';
import { PostRepository, type FeedRow, type PostContent, type PostRow } from './post.repository';
import { PostViews } from './post-views';

/** A view counts once per user and post in this window. */
const VIEW_WINDOW_S = 30 * 60;
const DAY_MS = 24 * 3600 * 1000;

/**
 * 内容: writing posts (create, edit, delete, drafts and schedules), reading them (detail with
 * view counting, community and discover feeds, my posts, my favourites). Publication itself —
 * content security, scheduling — is PostPublication's.
 */
@Injectable()
export class PostService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(RedisService) private readonly redis: RedisService,
    @Inject(PostRepository) private readonly posts: PostRepository,
    @Inject(PostViews) private readonly views: PostViews,
    @Inject(PostPublication) private readonly publication: PostPublication,
    @Inject(CommunityAccess) private readonly access: CommunityAccess,
    @Inject(CommunityRepository) private readonly communities: CommunityRepository,
    @Inject(FeedCache) private readonly feeds: FeedCache,
  ) {}

  // ——— writing ———

  async create(userId: number, body: PostCreateRequest): Promise<PostView> {
    const communityId = Number(body.communityId);
    await this.access.requirePoster(userId, communityId);
    const content: PostContent = {
      type: body.type,
      title: body.title ?? '',
      text: body.text,
      images: body.images,
      videoUrl: body.videoUrl ?? null,
      publishAt: this.publishAtOf(body.publishAt),
    };
    const productIds = await this.checkedProducts(body.productIds);
    const now = this.clock.now();
    const plan = await this.plan(content, userId, body.draft === true, now);
    const authorRef = await this.refOf(userId);
    const post = await this.prisma.transaction(async (tx) => {
      const row = await this.posts.insert(tx, {
        ...content,
        communityId,
        authorId: userId,
        authorRef,
        status: plan.status,
        rejectReason: plan.reason,
        at: now,
      });
      await this.posts.replaceProducts(tx, row.id, productIds);
      return row;
    });
    await this.publication.afterWrite(post, plan.imagesToCheck);
    return this.viewOf(post.id, userId);
  }

  /** The author edits: absent fields stay. The edited post is scheduled or screened again. */
  async update(userId: number, postId: number, body: PostUpdateRequest): Promise<PostView> {
    const { post, actor } = await this.visible(userId, postId);
    if (post.authorId !== userId) throw new NotThePostAuthor();
    if (!canEditPost(actor, { authorId: post.authorId, status: post.status as PostStatus }))
      throw new PostNotEditable(post.status);
    const before = contentOf(post);
    const content: PostContent = {
      type: body.type ?? before.type,
      title: body.title ?? before.title,
      text: body.text ?? before.text,
      images: body.images ?? before.images,
      videoUrl: body.videoUrl === undefined ? before.videoUrl : body.videoUrl,
      publishAt: body.publishAt === undefined ? before.publishAt : this.publishAtOf(body.publishAt ?? undefined),
    };
    if (content.type === 'VIDEO' && !content.videoUrl)
      throw new PostNotEditable(post.status, 'A video post needs videoUrl');
    if (content.type === 'ARTICLE' && !content.title)
      throw new PostNotEditable(post.status, 'An article needs a title');
    const draft = body.draft === true;
    if (draft && !canSaveDraft(post.status as PostStatus, post.publishedAt !== null))
      throw new PostNotEditable(post.status, 'A post that was published cannot go back to being a draft');
    const productIds = body.productIds ? await this.checkedProducts(body.productIds) : null;
    const now = this.clock.now();
    const plan = await this.plan(content, userId, draft, now);
    const authorRef = await this.refOf(userId);
    const updated = await this.prisma.transaction(async (tx) => {
      const current = await this.posts.lock(tx, postId);
      if (!current || current.updatedAt.getTime() !== post.updatedAt.getTime()) throw new PostChangedMeanwhile();
      if (!canApply(draft ? 'saveDraft' : 'submit', current.status as PostStatus))
        throw new PostNotEditable(current.status);
      const row = await this.posts.rewrite(tx, current, {
        ...content,
        authorRef,
        status: plan.status,
        rejectReason: plan.reason,
        at: now,
      });
      await this.posts.dropChecksExcept(tx, postId, plan.status === 'IN_REVIEW' ? [...new Set(content.images)] : []);
      if (productIds) await this.posts.replaceProducts(tx, postId, productIds);
      return row;
    });
    await this.publication.afterWrite(updated, plan.imagesToCheck);
    return this.viewOf(postId, userId);
  }

  /** The author deletes the post (it becomes REMOVED and leaves every feed). */
  async remove(userId: number, postId: number): Promise<PostView> {
    const { post } = await this.visible(userId, postId);
    if (post.authorId !== userId) throw new NotThePostAuthor();
    await this.prisma.transaction(async (tx) => {
      const current = await this.posts.lock(tx, postId);
      if (!current || !canApply('remove', current.status as PostStatus)) throw new PostNotEditable(post.status);
      await this.posts.setStatus(tx, current, 'REMOVED', '作者已删除', this.clock.now());
    });
    return this.viewOf(postId, userId);
  }

  /** Where a written post goes: a draft, scheduled, or the outcome of screening it now. */
  private async plan(content: PostContent, authorId: number, draft: boolean, now: Date) {
    if (draft) return { status: 'DRAFT' as PostStatus, reason: null, imagesToCheck: [] as string[] };
    if (submissionTarget(content.publishAt, now) === 'SCHEDULED')
      return { status: 'SCHEDULED' as PostStatus, reason: null, imagesToCheck: [] as string[] };
    const { outcome, imagesToCheck } = await this.publication.screen(content, authorId);
    return { status: outcome.status as PostStatus, reason: reasonOf(outcome), imagesToCheck };
  }

  /** A time ahead schedules the post; a time already past means "now" (kept as no schedule). */
  private publishAtOf(iso: string | undefined): Date | null {
    if (!iso) return null;
    const at = new Date(iso);
    const ahead = at.getTime() - this.clock.now().getTime();
    if (ahead > POST_LIMITS.scheduleMaxDays * DAY_MS) throw new PostScheduleTooFar(POST_LIMITS.scheduleMaxDays);
    return ahead > 0 ? at : null;
  }

  private async checkedProducts(ids: string[]): Promise<number[]> {
    const wanted = ids.map(Number);
    const found = await this.posts.onShelfProductIds(wanted);
    const missing = ids.filter((id) => !found.has(Number(id)));
    if (missing.length) throw new PostProductUnknown(missing);
    return wanted;
  }

  /** The author's referral code while they are an approved distributor. */
  private async refOf(userId: number): Promise<string | null> {
    const distributor = await this.prisma.client.distributor.findUnique({
      where: { userId },
      select: { status: true, code: true },
    });
    return distributor?.status === 'APPROVED' ? distributor.code : null;
  }

  // ——— reading ———

  /** The post if the caller may see it (404 otherwise, never revealing it exists). */
  async visible(userId: number, postId: number): Promise<{ post: PostRow; actor: CommunityActor }> {
    const post = await this.posts.find(postId);
    if (!post) throw new PostNotFound(postId);
    const actor = await this.access.actor(userId, post.communityId);
    if (!canSeePost(actor, { authorId: post.authorId, status: post.status as PostStatus }))
      throw new PostNotFound(postId);
    return { post, actor };
  }

  /** The post; a published post's view is counted once per reader and half hour. */
  async get(userId: number, postId: number): Promise<PostView> {
    const { post } = await this.visible(userId, postId);
    if (post.status === 'PUBLISHED' && post.authorId !== userId) {
      const first = await this.redis.client.set(
        this.redis.key('post-view', postId, userId),
        '1',
        'EX',
        VIEW_WINDOW_S,
        'NX',
      );
      if (first === 'OK') await this.posts.bump(undefined, postId, 'view', 1);
    }
    return this.viewOf(postId, userId);
  }

  async viewOf(postId: number, userId: number): Promise<PostView> {
    const row = await this.posts.find(postId);
    if (!row) throw new PostNotFound(postId);
    return this.views.one(row, userId);
  }

  /** A community's feed: pinned posts first, then the newest published. */
  async communityFeed(userId: number, communityId: number, query: CursorQuery): Promise<PostCursorPage> {
    const feed = `c${communityId}`;
    const cursor = this.cursorOf(query.cursor, feed);
    // The page as everybody sees it, and as this reader sees it (their own likes and favourites),
    // each kept a couple of seconds (FeedCache: any like, favourite or post edit clears it).
    const key = `${feed}|${query.cursor ?? ''}|${query.limit}`;
    const load = async () => {
      if (!(await this.communities.exists(communityId))) return null;
      const rows = await this.posts.twoPhaseFeed({ communityId, status: 'PUBLISHED' }, 'pinnedAt', cursor, query.limit);
      return this.page(rows, query.limit, feed, null);
    };
    const seen = await this.feeds.get(`${key}|u${userId}`, async () => {
      const shared = await this.feeds.get(key, load);
      return shared && this.views.asSeenBy(shared, userId);
    });
    if (!seen) throw new CommunityNotFound(communityId);
    return seen;
  }

  /** GET /posts?feed=: discover (featured first, then newest everywhere), mine, favourites. */
  async feed(userId: number, query: PostFeedQuery): Promise<PostCursorPage> {
    if (query.feed === 'mine') {
      const feed = `mine:${userId}`;
      const rows = await this.posts.byAuthor(userId, this.cursorOf(query.cursor, feed), query.limit);
      return this.page(rows, query.limit, feed, userId);
    }
    if (query.feed === 'favourites') {
      const feed = `fav:${userId}`;
      const cursor = this.cursorOf(query.cursor, feed);
      const rows = await this.posts.favouritesOf(userId, cursor, query.limit);
      return this.page(rows, query.limit, feed, userId);
    }
    const feed = 'discover';
    const rows = await this.posts.twoPhaseFeed(
      { status: 'PUBLISHED' },
      'featuredAt',
      this.cursorOf(query.cursor, feed),
      query.limit,
    );
    return this.page(rows, query.limit, feed, userId);
  }

  cursorOf(raw: string | undefined, feed: string): FeedCursor | null {
    if (!raw) return null;
    const cursor = decodeCursor(raw, feed);
    if (!cursor) throw new CursorInvalid();
    return cursor;
  }

  async page(rows: FeedRow[], limit: number, feed: string, userId: number | null): Promise<PostCursorPage> {
    const { items, nextCursor } = pageOf(rows, limit, (r) => ({ phase: r.phase, at: r.at, id: r.post.id }), feed);
    return {
      items: await this.views.many(
        items.map((r) => r.post),
        userId,
      ),
      nextCursor,
    };
  }
}
