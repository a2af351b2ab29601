import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { Clock } from '../infra/clock';
import type { Tx } from '../infra/events/domain-events';
import { PrismaService } from '../infra/prisma/prisma.service';
import { JobQueue } from '../infra/queue/job-queue';
import { CHECK_SCENE, ContentSecurityClient } from './content-security.client';
import {
  keywordReason,
  mediaOutcome,
  mediaResultOf,
  screeningOutcome,
  type MediaResult,
  type Outcome,
} from './content-security.policy';
import { KeywordFilter } from './keyword-filter';
import { MessagePushRouter } from './message-push/message-push.router';
import { canApply } from './post-state';
import { imagesOf } from './post-views';
import { PostRepository, type PostContent, type PostRow } from './post.repository';

/** The reason stored for a post state (the column holds the rejection or the review reason). */
export const reasonOf = (outcome: Outcome): string | null => outcome.rejectReason ?? outcome.reviewReason;

/**
 * 内容发布: what happens between "the author submitted" and "the post is in the feed".
 *
 * - Screening: the local keyword list, then msg_sec_check on title and text (risky → REJECTED,
 *   review or no answer → IN_REVIEW for a manager), then every image through media_check_async:
 *   the post waits IN_REVIEW until each image's result arrives by message push
 *   (`wxa_media_check`), then PUBLISHED, REJECTED or still IN_REVIEW (see content-security.policy).
 * - Scheduled posts: a delayed job keyed by post and time publishes them when due (screening
 *   them then), and the sweeper does the same for any job Redis lost.
 * - An image check that never answers sends the post to a manager after MEDIA_CHECK_TIMEOUT.
 *
 * Every state change locks the post row and checks its version (`updatedAt`), so a result for
 * content the author has since edited never publishes the new content.
 */
@Injectable()
export class PostPublication implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(JobQueue) private readonly jobs: JobQueue,
    @Inject(PostRepository) private readonly posts: PostRepository,
    @Inject(ContentSecurityClient) private readonly security: ContentSecurityClient,
    @Inject(KeywordFilter) private readonly keywords: KeywordFilter,
    @Inject(MessagePushRouter) private readonly push: MessagePushRouter,
  ) {}

  onModuleInit(): void {
    this.jobs.handle('content.publish-scheduled', ({ postId }) => this.publishIfDue(postId));
    this.jobs.addSweeper({
      name: 'content',
      run: async () => {
        const now = this.clock.now();
        for (const id of await this.posts.dueScheduled(now)) await this.publishIfDue(id);
        const overdue = new Date(now.getTime() - this.config.content.mediaCheckTimeoutMs);
        for (const check of await this.posts.overdueChecks(overdue))
          await this.applyMediaResult(check.traceId, 'REVIEW');
      },
    });
    this.push.on('wxa_media_check', async (event) => {
      const result = mediaResultOf((event.result as { suggest?: unknown } | undefined)?.suggest);
      if (typeof event.trace_id !== 'string' || !result) return 'done';
      return this.applyMediaResult(event.trace_id, result);
    });
  }

  /**
   * Screens content now (before it is written): the keyword list, then msg_sec_check. The
   * outcome counts every image as pending; `imagesToCheck` are then submitted by {@link checkImages}.
   */
  async screen(content: PostContent, authorId: number): Promise<{ outcome: Outcome; imagesToCheck: string[] }> {
    const images = [...new Set(content.images)];
    const hasVideo = content.type === 'VIDEO' || content.videoUrl !== null;
    const keyword = this.keywords.find(content.title, content.text);
    if (keyword) {
      const outcome = screeningOutcome({ keyword, hasVideo, imagesPending: 0, imagesUnsubmitted: 0 });
      return { outcome, imagesToCheck: [] };
    }
    const text = await this.security.checkText({
      openid: await this.openidOf(authorId),
      scene: CHECK_SCENE.post,
      title: content.title || undefined,
      text: content.text,
    });
    const outcome = screeningOutcome({
      keyword: null,
      text,
      hasVideo,
      imagesPending: images.length,
      imagesUnsubmitted: 0,
    });
    return { outcome, imagesToCheck: outcome.status === 'REJECTED' ? [] : images };
  }

  /** Text a user writes elsewhere (comments): the reason it is refused, or null. */
  async refusalOf(text: string, authorId: number): Promise<string | null> {
    const keyword = this.keywords.find(text);
    if (keyword) return keywordReason(keyword);
    const verdict = await this.security.checkText({
      openid: await this.openidOf(authorId),
      scene: CHECK_SCENE.comment,
      text,
    });
    if ('unavailable' in verdict) return null;
    return verdict.suggest === 'pass' ? null : '内容安全检测未通过';
  }

  /** What follows a write: the publication job of a scheduled post, or the image checks. */
  async afterWrite(post: PostRow, imagesToCheck: string[]): Promise<void> {
    if (post.status === 'SCHEDULED' && post.publishAt) await this.schedule(post.id, post.publishAt, 'at');
    if (post.status === 'IN_REVIEW' && imagesToCheck.length) await this.checkImages(post.id);
  }

  private async schedule(postId: number, publishAt: Date, attempt: 'at' | 'later'): Promise<void> {
    await this.jobs.add(
      'content.publish-scheduled',
      { postId },
      {
        key: `${postId}-${publishAt.getTime()}${attempt === 'later' ? '-later' : ''}`,
        delayMs: publishAt.getTime() - this.clock.now().getTime(),
      },
    );
  }

  /** A scheduled post whose time came: screened, then published, held or rejected. */
  async publishIfDue(postId: number): Promise<void> {
    const post = await this.posts.find(postId);
    if (!post || post.status !== 'SCHEDULED' || !post.publishAt) return;
    if (post.publishAt.getTime() > this.clock.now().getTime()) {
      await this.schedule(postId, post.publishAt, 'later'); // the clock was moved back, or the job ran early
      return;
    }
    const { outcome, imagesToCheck } = await this.screen(contentOf(post), post.authorId);
    const updated = await this.prisma.transaction(async (tx) => {
      const current = await this.posts.lock(tx, postId);
      if (!current || current.status !== 'SCHEDULED' || current.updatedAt.getTime() !== post.updatedAt.getTime())
        return null; // edited, removed or published by a concurrent run meanwhile
      return this.posts.setStatus(tx, current, outcome.status, reasonOf(outcome), this.clock.now());
    });
    if (updated) await this.afterWrite(updated, imagesToCheck);
  }

  /**
   * Submits the post's images that have no check yet (an edit keeps the results of images it
   * kept), then applies what the results already say.
   */
  async checkImages(postId: number): Promise<void> {
    const post = await this.posts.find(postId);
    if (!post || post.status !== 'IN_REVIEW') return;
    const checked = await this.posts.checkedUrls(postId);
    const openid = await this.openidOf(post.authorId);
    let unsubmitted = 0;
    for (const url of new Set(imagesOf(post))) {
      if (checked.has(url)) continue;
      const traceId = await this.security.submitImage({ openid, scene: CHECK_SCENE.post, url });
      if (traceId) await this.posts.addCheck({ traceId, postId, url, at: this.clock.now() });
      else unsubmitted += 1;
    }
    await this.prisma.transaction(async (tx) => {
      const current = await this.posts.lock(tx, postId);
      if (!current || current.updatedAt.getTime() !== post.updatedAt.getTime()) return;
      if (unsubmitted > 0 && current.status === 'IN_REVIEW' && !current.rejectReason?.includes('图片检测暂不可用')) {
        const reason = [current.rejectReason, '图片检测暂不可用'].filter(Boolean).join('；');
        await this.posts.setStatus(tx, current, 'IN_REVIEW', reason, this.clock.now());
        return;
      }
      await this.resolveLocked(tx, current);
    });
  }

  /**
   * An image's result (from message push, or REVIEW when it never came). `retry` when the check
   * is unknown: its row may not be written yet (WeChat then pushes again).
   */
  async applyMediaResult(traceId: string, result: MediaResult): Promise<'done' | 'retry'> {
    const check = await this.posts.findCheck(undefined, traceId);
    if (!check) return 'retry';
    await this.prisma.transaction(async (tx) => {
      const post = await this.posts.lock(tx, check.postId);
      // The row may have gone while we waited for the lock (an edit dropped that image).
      if (!post || !(await this.posts.findCheck(tx, traceId))) return;
      await this.posts.setCheckResult(tx, traceId, result);
      await this.resolveLocked(tx, post);
    });
    return 'done';
  }

  /** Applies the image results to a locked post. */
  private async resolveLocked(tx: Tx, post: PostRow): Promise<void> {
    if (!canApply('mediaResult', post.status)) return;
    const current = post.status as 'IN_REVIEW' | 'PUBLISHED';
    const outcome = mediaOutcome(
      current,
      current === 'IN_REVIEW' ? post.rejectReason : null,
      imagesOf(post),
      await this.posts.checkResults(tx, post.id),
    );
    if (outcome) await this.posts.setStatus(tx, post, outcome.status, reasonOf(outcome), this.clock.now());
  }

  private async openidOf(userId: number): Promise<string> {
    const user = await this.prisma.client.user.findUnique({ where: { id: userId }, select: { openid: true } });
    return user?.openid ?? '';
  }
}

export function contentOf(post: PostRow): PostContent {
  return {
    type: post.type,
    title: post.title,
    text: post.text,
    images: imagesOf(post),
    videoUrl: post.videoUrl,
    publishAt: post.publishAt,
  };
}
