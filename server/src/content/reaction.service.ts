import { Inject, Injectable } from '@nestjs/common';
import type { PostReactionView, PostStatus } from '@weshop/shared';
import { Clock } from '../infra/clock';
import { PrismaService } from '../infra/prisma/prisma.service';
import { canApply, reportsSendToReview } from './post-state';
import { PostNotPublished } from './post.errors';
import { PostRepository } from './post.repository';
import { PostService } from './post.service';

/**
 * 点赞, 收藏, 举报. Each is idempotent per user and post (liking twice counts once); the counters
 * move in the same transaction as the row that justifies them. Enough reports send a published
 * post back to a manager.
 */
@Injectable()
export class ReactionService {
  constructor(
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(PostRepository) private readonly posts: PostRepository,
    @Inject(PostService) private readonly postService: PostService,
  ) {}

  async like(userId: number, postId: number, on: boolean): Promise<PostReactionView> {
    await this.reactable(userId, postId, on);
    await this.prisma.transaction(async (tx) => {
      const changed = on
        ? await tx.$executeRaw`INSERT IGNORE INTO post_like (post_id, user_id, created_at) VALUES (${postId}, ${userId}, ${this.clock.now()})`
        : await tx.$executeRaw`DELETE FROM post_like WHERE post_id = ${postId} AND user_id = ${userId}`;
      if (changed > 0) await this.posts.bump(tx, postId, 'like', on ? 1 : -1);
    });
    return this.state(userId, postId);
  }

  async favourite(userId: number, postId: number, on: boolean): Promise<PostReactionView> {
    await this.reactable(userId, postId, on);
    await this.prisma.transaction(async (tx) => {
      const changed = on
        ? await tx.$executeRaw`INSERT IGNORE INTO post_favourite (post_id, user_id, created_at) VALUES (${postId}, ${userId}, ${this.clock.now()})`
        : await tx.$executeRaw`DELETE FROM post_favourite WHERE post_id = ${postId} AND user_id = ${userId}`;
      if (changed > 0) await this.posts.bump(tx, postId, 'favourite', on ? 1 : -1);
    });
    return this.state(userId, postId);
  }

  /** 举报: once per user; at the threshold a published post goes back to review. */
  async report(userId: number, postId: number, reason: string): Promise<PostReactionView> {
    await this.reactable(userId, postId, true);
    await this.prisma.transaction(async (tx) => {
      const added = await tx.$executeRaw`
        INSERT IGNORE INTO post_report (post_id, user_id, reason, created_at)
        VALUES (${postId}, ${userId}, ${reason}, ${this.clock.now()})`;
      if (added === 0) return;
      await this.posts.bump(tx, postId, 'report', 1);
      const post = await this.posts.lock(tx, postId);
      if (post && reportsSendToReview(post.reportCount) && canApply('reported', post.status as PostStatus))
        await this.posts.setStatus(tx, post, 'IN_REVIEW', '多人举报，待复核', this.clock.now());
    });
    return this.state(userId, postId);
  }

  /** Visible to the caller, and published for anything but taking a reaction back. */
  private async reactable(userId: number, postId: number, adding: boolean): Promise<void> {
    const { post } = await this.postService.visible(userId, postId);
    if (adding && post.status !== 'PUBLISHED') throw new PostNotPublished(post.status);
  }

  private async state(userId: number, postId: number): Promise<PostReactionView> {
    const view = await this.postService.viewOf(postId, userId);
    return { liked: view.liked, favourited: view.favourited, counts: view.counts };
  }
}
