import { Inject, Injectable } from '@nestjs/common';
import type {
  CommentCreateRequest,
  CommentCursorPage,
  CommentItemView,
  CommentListQuery,
  CommentView,
  ReplyCursorPage,
} from '@weshop/shared';
import { canDeleteComment } from '../community/community.policy';
import { Prisma } from '../generated/prisma/client';
import { Clock } from '../infra/clock';
import { Forbidden } from '../infra/http/domain-error';
import { PrismaService } from '../infra/prisma/prisma.service';
import { mediaUrl } from '../media/media-url';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { pageOf } from './feed-cursor';
import { PostPublication } from './post-publication.service';
import { CommentNotFound, ContentRejected, PostNotPublished } from './post.errors';
import { PostRepository } from './post.repository';
import { PostService } from './post.service';

/** Replies shown under each top comment in a list (the rest are paged with `parentId`). */
const FIRST_REPLIES = 3;

type CommentRow = {
  id: number;
  postId: number;
  userId: number;
  replyToId: number | null;
  text: string;
  createdAt: Date;
};

/**
 * 评论: comments on published posts with one level of replies — a reply to a reply joins the top
 * comment's thread. Text goes through the keyword list and msg_sec_check (scene 2) first.
 * Lists are oldest first, cursor-paginated.
 */
@Injectable()
export class CommentService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(PostRepository) private readonly posts: PostRepository,
    @Inject(PostService) private readonly postService: PostService,
    @Inject(PostPublication) private readonly publication: PostPublication,
  ) {}

  async create(userId: number, postId: number, body: CommentCreateRequest): Promise<CommentItemView> {
    const { post } = await this.postService.visible(userId, postId);
    if (post.status !== 'PUBLISHED') throw new PostNotPublished(post.status);
    let parentId: number | null = null;
    if (body.replyToId) {
      const target = await this.prisma.client.postComment.findUnique({ where: { id: Number(body.replyToId) } });
      if (!target || target.postId !== postId || target.removed) throw new CommentNotFound(body.replyToId);
      parentId = target.replyToId ?? target.id;
    }
    const refusal = await this.publication.refusalOf(body.text, userId);
    if (refusal) throw new ContentRejected(refusal);
    const row = await this.prisma.transaction(async (tx) => {
      const created = await tx.postComment.create({
        data: { postId, userId, replyToId: parentId, text: body.text, createdAt: this.clock.now() },
      });
      await this.posts.bump(tx, postId, 'comment', 1);
      return created;
    });
    return (await this.items([row]))[0];
  }

  /** Top comments with their first replies, or (`parentId`) one comment's replies. */
  async list(userId: number, postId: number, query: CommentListQuery): Promise<CommentCursorPage | ReplyCursorPage> {
    await this.postService.visible(userId, postId);
    if (query.parentId) return this.replies(postId, Number(query.parentId), query);
    const feed = `comments:${postId}`;
    const cursor = this.postService.cursorOf(query.cursor, feed);
    const rows = await this.prisma.client.postComment.findMany({
      where: { postId, replyToId: null, removed: false, ...(cursor ? { id: { gt: cursor.id } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, (r) => ({ phase: 1, at: 0, id: r.id }), feed);
    const ids = page.items.map((r) => r.id);
    const [counts, firstReplies] = await Promise.all([
      ids.length
        ? this.prisma.client.postComment.groupBy({
            by: ['replyToId'],
            where: { replyToId: { in: ids }, removed: false },
            _count: { _all: true },
          })
        : [],
      ids.length
        ? this.prisma.client.$queryRaw<CommentRow[]>`
            SELECT id, postId, userId, replyToId, text, createdAt FROM (
              SELECT id, post_id AS postId, user_id AS userId, reply_to_id AS replyToId, text, created_at AS createdAt,
                     ROW_NUMBER() OVER (PARTITION BY reply_to_id ORDER BY id) AS n
              FROM post_comment WHERE reply_to_id IN (${Prisma.join(ids)}) AND removed = false
            ) r WHERE n <= ${FIRST_REPLIES} ORDER BY id`
        : [],
    ]);
    const replyCount = new Map(counts.map((c) => [c.replyToId as number, c._count._all]));
    const views = await this.items([...page.items, ...firstReplies]);
    const byId = new Map(views.map((v) => [v.id, v]));
    const items: CommentView[] = page.items.map((row) => {
      const top = byId.get(String(row.id)) as CommentItemView;
      return {
        id: top.id,
        postId: top.postId,
        author: top.author,
        text: top.text,
        createdAt: top.createdAt,
        replyCount: replyCount.get(row.id) ?? 0,
        replies: firstReplies
          .filter((r) => Number(r.replyToId) === row.id)
          .map((r) => byId.get(String(r.id)) as CommentItemView),
      };
    });
    return { items, nextCursor: page.nextCursor };
  }

  private async replies(postId: number, parentId: number, query: CommentListQuery): Promise<ReplyCursorPage> {
    const parent = await this.prisma.client.postComment.findUnique({ where: { id: parentId } });
    if (!parent || parent.postId !== postId || parent.removed || parent.replyToId !== null)
      throw new CommentNotFound(parentId);
    const feed = `replies:${parentId}`;
    const cursor = this.postService.cursorOf(query.cursor, feed);
    const rows = await this.prisma.client.postComment.findMany({
      where: { replyToId: parentId, removed: false, ...(cursor ? { id: { gt: cursor.id } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, (r) => ({ phase: 1, at: 0, id: r.id }), feed);
    return { items: await this.items(page.items), nextCursor: page.nextCursor };
  }

  /** Its author or a manager of the community removes a comment (a top comment takes its replies along). */
  async remove(userId: number, postId: number, commentId: number): Promise<{ ok: true }> {
    const { actor } = await this.postService.visible(userId, postId);
    const comment = await this.prisma.client.postComment.findUnique({ where: { id: commentId } });
    if (!comment || comment.postId !== postId || comment.removed) throw new CommentNotFound(commentId);
    if (!canDeleteComment(actor, comment.userId))
      throw new Forbidden('Only its author or a manager can delete this comment');
    await this.prisma.transaction(async (tx) => {
      const removed = await tx.postComment.updateMany({
        where: { removed: false, OR: [{ id: commentId }, { replyToId: commentId }] },
        data: { removed: true },
      });
      if (removed.count > 0) await this.posts.bump(tx, postId, 'comment', -removed.count);
    });
    return { ok: true };
  }

  /** Views of comment rows; a reply's `replyTo` is the author of its top comment. */
  private async items(rows: CommentRow[]): Promise<CommentItemView[]> {
    if (rows.length === 0) return [];
    const parentIds = [...new Set(rows.map((r) => r.replyToId).filter((id): id is number => id !== null))];
    const parents = parentIds.length
      ? await this.prisma.client.postComment.findMany({
          where: { id: { in: parentIds } },
          select: { id: true, userId: true },
        })
      : [];
    const parentAuthor = new Map(parents.map((p) => [p.id, p.userId]));
    const userIds = [...new Set([...rows.map((r) => r.userId), ...parents.map((p) => p.userId)])];
    const users = await this.prisma.client.user.findMany({
      where: { id: { in: userIds } },
      select: { id: true, nickname: true, avatarUrl: true },
    });
    const author = (id: number | undefined) => {
      const user = users.find((u) => u.id === id);
      return user
        ? {
            id: String(user.id),
            nickname: user.nickname,
            avatarUrl: mediaUrl(this.config.publicBaseUrl, user.avatarUrl),
          }
        : null;
    };
    return rows.map((row) => ({
      id: String(row.id),
      postId: String(row.postId),
      author: author(row.userId) ?? { id: String(row.userId), nickname: '', avatarUrl: '' },
      text: row.text,
      parentId: row.replyToId === null ? null : String(row.replyToId),
      replyTo: row.replyToId === null ? null : author(parentAuthor.get(row.replyToId)),
      createdAt: new Date(row.createdAt).toISOString(),
    }));
  }
}
