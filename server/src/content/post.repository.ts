import { Inject, Injectable } from '@nestjs/common';
import type { PostStatus, PostType } from '@weshop/shared';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import type { MediaResult } from './content-security.policy';
import { FeedCache } from './feed-cache';
import type { FeedCursor } from './feed-cursor';
import { publishedDelta } from './post-state';

/**
 * A post row. `rejectReason` holds why it was rejected or removed, and, while IN_REVIEW, why a
 * manager must look at it (null while only machine checks are outstanding).
 * `updatedAt` is the post's version: every write of content or state moves it, counters
 * (likes, views…) are raw increments that leave it alone.
 */
export type PostRow = Prisma.PostGetPayload<object>;

export interface PostContent {
  type: PostType;
  title: string;
  text: string;
  images: string[];
  videoUrl: string | null;
  publishAt: Date | null;
}

/** One row of a feed with its sort key. */
export interface FeedRow {
  post: PostRow;
  phase: 0 | 1;
  at: number;
}

export type PostCounter = 'like' | 'favourite' | 'comment' | 'view' | 'report';

/** Keyset condition "strictly after (at, id)" in a descending feed. */
function before(field: 'pinnedAt' | 'featuredAt' | 'publishedAt' | 'createdAt', at: number, id: number) {
  const time = new Date(at);
  return { OR: [{ [field]: { lt: time } }, { [field]: time, id: { lt: id } }] } as Prisma.PostWhereInput;
}

@Injectable()
export class PostRepository {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(FeedCache) private readonly feeds: FeedCache,
  ) {}

  /** Feeds forget what they hold now and again once `db`'s transaction has committed. */
  private feedsChanged(db: Tx | undefined): void {
    this.feeds.clear();
    this.prisma.afterCommitOf(db, async () => this.feeds.clear());
  }

  find(id: number): Promise<PostRow | null> {
    return this.prisma.client.post.findUnique({ where: { id } });
  }

  /** Locks the post row for the rest of the transaction and reads it. */
  async lock(tx: Tx, id: number): Promise<PostRow | null> {
    const rows = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM post WHERE id = ${id} FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.post.findUnique({ where: { id } });
  }

  async insert(
    tx: Tx,
    input: PostContent & {
      communityId: number;
      authorId: number;
      authorRef: string | null;
      status: PostStatus;
      rejectReason: string | null;
      at: Date;
    },
  ): Promise<PostRow> {
    const row = await tx.post.create({
      data: {
        communityId: input.communityId,
        authorId: input.authorId,
        authorRef: input.authorRef,
        type: input.type,
        title: input.title,
        text: input.text,
        images: input.images,
        videoUrl: input.videoUrl,
        publishAt: input.publishAt,
        status: input.status,
        rejectReason: input.rejectReason,
        publishedAt: input.status === 'PUBLISHED' ? input.at : null,
        createdAt: input.at,
      },
    });
    if (input.status === 'PUBLISHED') await this.movePostCount(tx, input.communityId, 1);
    this.feedsChanged(tx);
    return row;
  }

  /** Writes new content and state of a locked post (the caller checked the version). */
  async rewrite(
    tx: Tx,
    current: PostRow,
    input: PostContent & { authorRef: string | null; status: PostStatus; rejectReason: string | null; at: Date },
  ): Promise<PostRow> {
    const row = await tx.post.update({
      where: { id: current.id },
      data: {
        type: input.type,
        title: input.title,
        text: input.text,
        images: input.images,
        videoUrl: input.videoUrl,
        publishAt: input.publishAt,
        authorRef: input.authorRef,
        status: input.status,
        rejectReason: input.rejectReason,
        ...this.stateFields(current, input.status, input.at),
      },
    });
    await this.movePostCount(tx, current.communityId, publishedDelta(current.status, input.status));
    this.feedsChanged(tx);
    return row;
  }

  /** Moves a locked post to `to`, keeping the community's published count. */
  async setStatus(tx: Tx, current: PostRow, to: PostStatus, rejectReason: string | null, at: Date): Promise<PostRow> {
    const row = await tx.post.update({
      where: { id: current.id },
      data: { status: to, rejectReason, ...this.stateFields(current, to, at) },
    });
    await this.movePostCount(tx, current.communityId, publishedDelta(current.status, to));
    this.feedsChanged(tx);
    return row;
  }

  /** Publication time is set once; leaving PUBLISHED drops pin and feature. */
  private stateFields(current: PostRow, to: PostStatus, at: Date): Prisma.PostUpdateInput {
    if (to === 'PUBLISHED') return current.publishedAt ? {} : { publishedAt: at };
    if (current.status === 'PUBLISHED') return { pinnedAt: null, featuredAt: null };
    return {};
  }

  async setHighlight(tx: Tx, id: number, data: { pinnedAt?: Date | null; featuredAt?: Date | null }): Promise<void> {
    await tx.post.update({ where: { id }, data });
    this.feedsChanged(tx);
  }

  private async movePostCount(tx: Tx, communityId: number, delta: number): Promise<void> {
    if (delta === 0) return;
    await tx.$executeRaw`UPDATE community SET post_count = GREATEST(post_count + ${delta}, 0) WHERE id = ${communityId}`;
  }

  /** Adds to a counter without touching the post's version. */
  async bump(db: Tx | undefined, id: number, counter: PostCounter, delta: number): Promise<void> {
    const client = db ?? this.prisma.client;
    if (counter !== 'view') this.feedsChanged(db);
    switch (counter) {
      case 'like':
        await client.$executeRaw`UPDATE post SET like_count = GREATEST(like_count + ${delta}, 0) WHERE id = ${id}`;
        return;
      case 'favourite':
        await client.$executeRaw`UPDATE post SET favourite_count = GREATEST(favourite_count + ${delta}, 0) WHERE id = ${id}`;
        return;
      case 'comment':
        await client.$executeRaw`UPDATE post SET comment_count = GREATEST(comment_count + ${delta}, 0) WHERE id = ${id}`;
        return;
      case 'view':
        await client.$executeRaw`UPDATE post SET view_count = view_count + ${delta} WHERE id = ${id}`;
        return;
      case 'report':
        await client.$executeRaw`UPDATE post SET report_count = report_count + ${delta} WHERE id = ${id}`;
        return;
    }
  }

  async replaceProducts(tx: Tx, postId: number, productIds: number[]): Promise<void> {
    await tx.postProduct.deleteMany({ where: { postId } });
    if (productIds.length)
      await tx.postProduct.createMany({ data: productIds.map((productId, sort) => ({ postId, productId, sort })) });
    this.feedsChanged(tx);
  }

  async productIdsOf(postId: number): Promise<number[]> {
    const rows = await this.prisma.client.postProduct.findMany({ where: { postId }, orderBy: { sort: 'asc' } });
    return rows.map((r) => r.productId);
  }

  /** Products that exist and are on the shelf, of these ids. */
  async onShelfProductIds(ids: number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.prisma.client.product.findMany({
      where: { id: { in: ids }, onShelf: true },
      select: { id: true },
    });
    return new Set(rows.map((r) => r.id));
  }

  // ——— feeds ———

  /**
   * A feed in two phases, both newest first: phase 0 the highlighted posts (`highlight` set, by
   * that time), phase 1 the rest (by publication time). A cursor resumes in its phase.
   */
  async twoPhaseFeed(
    base: Prisma.PostWhereInput,
    highlight: 'pinnedAt' | 'featuredAt',
    cursor: FeedCursor | null,
    limit: number,
  ): Promise<FeedRow[]> {
    const rows: FeedRow[] = [];
    if (!cursor || cursor.phase === 0) {
      const pinned = await this.prisma.client.post.findMany({
        where: {
          ...base,
          [highlight]: { not: null },
          ...(cursor ? before(highlight, cursor.at, cursor.id) : {}),
        },
        orderBy: [{ [highlight]: 'desc' }, { id: 'desc' }],
        take: limit + 1,
      });
      for (const post of pinned) rows.push({ post, phase: 0, at: (post[highlight] as Date).getTime() });
    }
    if (rows.length <= limit) {
      const rest = await this.prisma.client.post.findMany({
        where: {
          ...base,
          [highlight]: null,
          ...(cursor?.phase === 1 ? before('publishedAt', cursor.at, cursor.id) : {}),
        },
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        take: limit + 1 - rows.length,
      });
      for (const post of rest) rows.push({ post, phase: 1, at: (post.publishedAt as Date).getTime() });
    }
    return rows;
  }

  /** One author's posts in every state, newest first. */
  async byAuthor(authorId: number, cursor: FeedCursor | null, limit: number): Promise<FeedRow[]> {
    const posts = await this.prisma.client.post.findMany({
      where: { authorId, ...(cursor ? before('createdAt', cursor.at, cursor.id) : {}) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
    });
    return posts.map((post) => ({ post, phase: 1, at: post.createdAt.getTime() }));
  }

  /** The user's favourites (published posts), most recently favourited first. */
  async favouritesOf(userId: number, cursor: FeedCursor | null, limit: number): Promise<FeedRow[]> {
    const at = cursor ? new Date(cursor.at) : new Date('9999-12-31T00:00:00Z');
    const afterId = cursor?.id ?? 2_147_483_647;
    const favourites = await this.prisma.client.$queryRaw<Array<{ postId: number; createdAt: Date }>>`
      SELECT f.post_id AS postId, f.created_at AS createdAt
      FROM post_favourite f JOIN post p ON p.id = f.post_id AND p.status = 'PUBLISHED'
      WHERE f.user_id = ${userId} AND (f.created_at < ${at} OR (f.created_at = ${at} AND f.post_id < ${afterId}))
      ORDER BY f.created_at DESC, f.post_id DESC
      LIMIT ${limit + 1}`;
    const posts = await this.prisma.client.post.findMany({ where: { id: { in: favourites.map((f) => f.postId) } } });
    const byId = new Map(posts.map((p) => [p.id, p]));
    return favourites.flatMap((f) => {
      const post = byId.get(f.postId);
      return post ? [{ post, phase: 1 as const, at: new Date(f.createdAt).getTime() }] : [];
    });
  }

  /** A community's posts in one state (the moderation queue), newest first. */
  async queue(
    communityId: number,
    status: PostStatus,
    reportedOnly: boolean,
    cursor: FeedCursor | null,
    limit: number,
  ): Promise<FeedRow[]> {
    const posts = await this.prisma.client.post.findMany({
      where: {
        communityId,
        status,
        ...(reportedOnly ? { reportCount: { gt: 0 } } : {}),
        ...(cursor ? { id: { lt: cursor.id } } : {}),
      },
      orderBy: { id: 'desc' },
      take: limit + 1,
    });
    return posts.map((post) => ({ post, phase: 1, at: 0 }));
  }

  /** Scheduled posts whose time has come (the sweeper's safety net for lost jobs). */
  async dueScheduled(now: Date, take = 100): Promise<number[]> {
    const rows = await this.prisma.client.post.findMany({
      where: { status: 'SCHEDULED', publishAt: { lte: now } },
      select: { id: true },
      orderBy: { publishAt: 'asc' },
      take,
    });
    return rows.map((r) => r.id);
  }

  // ——— image checks (MediaCheck) ———

  /** Drops the checks of images the post no longer has (their late results are then ignored). */
  async dropChecksExcept(tx: Tx, postId: number, urls: string[]): Promise<void> {
    await tx.mediaCheck.deleteMany({ where: { postId, ...(urls.length ? { url: { notIn: urls } } : {}) } });
  }

  /** URLs of the post that already have a check (pending or decided). */
  async checkedUrls(postId: number): Promise<Set<string>> {
    const rows = await this.prisma.client.mediaCheck.findMany({ where: { postId }, select: { url: true } });
    return new Set(rows.map((r) => r.url));
  }

  async addCheck(input: { traceId: string; postId: number; url: string; at: Date }): Promise<void> {
    await this.prisma.client.mediaCheck.createMany({
      data: [{ traceId: input.traceId, postId: input.postId, url: input.url, createdAt: input.at }],
      skipDuplicates: true,
    });
  }

  findCheck(tx: Tx | undefined, traceId: string) {
    return (tx ?? this.prisma.client).mediaCheck.findUnique({ where: { traceId } });
  }

  async setCheckResult(tx: Tx, traceId: string, result: MediaResult): Promise<void> {
    await tx.mediaCheck.update({ where: { traceId }, data: { result } });
  }

  /** The result per URL: a decided result wins over a pending one, the newest decided one over older ones. */
  async checkResults(tx: Tx, postId: number): Promise<Map<string, MediaResult>> {
    const rows = await tx.mediaCheck.findMany({ where: { postId }, orderBy: { createdAt: 'asc' } });
    const results = new Map<string, MediaResult>();
    for (const row of rows) {
      const result = row.result as MediaResult;
      if (result !== 'PENDING' || !results.has(row.url)) results.set(row.url, result);
    }
    return results;
  }

  /** Checks still pending since before `before` (WeChat pushes within 30 minutes). */
  async overdueChecks(before: Date, take = 100) {
    return this.prisma.client.mediaCheck.findMany({
      where: { result: 'PENDING', createdAt: { lt: before } },
      select: { traceId: true, postId: true },
      take,
    });
  }
}
