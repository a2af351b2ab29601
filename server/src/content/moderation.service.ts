import { Inject, Injectable } from '@nestjs/common';
import type { ModerationQuery, PostCursorPage, PostStatus, PostView } from '@weshop/shared';
import { CommunityAccess } from '../community/community-access';
import { Clock } from '../infra/clock';
import { PrismaService } from '../infra/prisma/prisma.service';
import { canApply, type PostAction } from './post-state';
import { PostNotFound, PostStateConflict } from './post.errors';
import { PostRepository, type PostRow } from './post.repository';
import { PostService } from './post.service';
import type { Tx } from '../infra/events/domain-events';

/**
 * 内容审核 for a community's managers (and admins): the queue by state, approve, reject, remove,
 * pin and feature. Every action names the community, and the post must belong to it: a manager
 * of community A never reaches a post of community B.
 */
@Injectable()
export class ModerationService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(PostRepository) private readonly posts: PostRepository,
    @Inject(PostService) private readonly postService: PostService,
    @Inject(CommunityAccess) private readonly access: CommunityAccess,
  ) {}

  async queue(userId: number, communityId: number, query: ModerationQuery): Promise<PostCursorPage> {
    await this.access.requireManager(userId, communityId);
    const feed = `queue:${communityId}:${query.status}:${query.reported ?? ''}`;
    const rows = await this.posts.queue(
      communityId,
      query.status,
      query.reported === 'true',
      this.postService.cursorOf(query.cursor, feed),
      query.limit,
    );
    return this.postService.page(rows, query.limit, feed, userId);
  }

  /** IN_REVIEW → PUBLISHED (image checks still running may take it down if an image is risky). */
  approve(userId: number, communityId: number, postId: number): Promise<PostView> {
    return this.act(userId, communityId, postId, 'approve', (tx, post, now) =>
      this.posts.setStatus(tx, post, 'PUBLISHED', null, now),
    );
  }

  reject(userId: number, communityId: number, postId: number, reason: string): Promise<PostView> {
    return this.act(userId, communityId, postId, 'reject', (tx, post, now) =>
      this.posts.setStatus(tx, post, 'REJECTED', reason, now),
    );
  }

  remove(userId: number, communityId: number, postId: number, reason: string): Promise<PostView> {
    return this.act(userId, communityId, postId, 'remove', (tx, post, now) =>
      this.posts.setStatus(tx, post, 'REMOVED', reason, now),
    );
  }

  pin(userId: number, communityId: number, postId: number, pinned: boolean): Promise<PostView> {
    return this.act(userId, communityId, postId, 'highlight', (tx, post, now) =>
      this.posts.setHighlight(tx, post.id, { pinnedAt: pinned ? (post.pinnedAt ?? now) : null }),
    );
  }

  feature(userId: number, communityId: number, postId: number, featured: boolean): Promise<PostView> {
    return this.act(userId, communityId, postId, 'highlight', (tx, post, now) =>
      this.posts.setHighlight(tx, post.id, { featuredAt: featured ? (post.featuredAt ?? now) : null }),
    );
  }

  private async act(
    userId: number,
    communityId: number,
    postId: number,
    action: PostAction,
    change: (tx: Tx, post: PostRow, now: Date) => Promise<unknown>,
  ): Promise<PostView> {
    await this.access.requireManager(userId, communityId);
    await this.prisma.transaction(async (tx) => {
      const post = await this.posts.lock(tx, postId);
      if (!post || post.communityId !== communityId) throw new PostNotFound(postId);
      if (!canApply(action, post.status as PostStatus)) throw new PostStateConflict(verbOf(action), post.status);
      await change(tx, post, this.clock.now());
    });
    return this.postService.viewOf(postId, userId);
  }
}

const VERBS: Partial<Record<PostAction, string>> = {
  approve: 'approved',
  reject: 'rejected',
  remove: 'removed',
  highlight: 'pinned or featured',
};
const verbOf = (action: PostAction) => VERBS[action] ?? action;
