import type { PostStatus } from '@weshop/shared';

/**
 * The post state machine (内容状态). Content security decides where a submitted post lands
 * (see content-security.policy.ts); this table says which states each action may start from.
 *
 *   DRAFT ──submit──▶ SCHEDULED ──due──▶ (screening)
 *     │                                     │
 *     └──submit──▶ (screening) ──▶ PUBLISHED | IN_REVIEW | REJECTED
 *   IN_REVIEW ──approve──▶ PUBLISHED;  IN_REVIEW | PUBLISHED ──reject──▶ REJECTED
 *   anything but REMOVED ──remove (manager) / delete (author)──▶ REMOVED (final)
 */
export type PostAction =
  /** The author saves it as a draft (never once it was published). */
  | 'saveDraft'
  /** The author submits it (create or edit): scheduled, or screened now. */
  | 'submit'
  /** A scheduled post's time came: screened now. */
  | 'publishDue'
  /** A manager approves a post waiting for review. */
  | 'approve'
  /** A manager rejects it (also after publication). */
  | 'reject'
  /** A manager removes it, or its author deletes it. */
  | 'remove'
  /** An image check result arrived (it may publish, reject or hold the post). */
  | 'mediaResult'
  /** Enough people reported a published post: it goes back to a manager. */
  | 'reported'
  /** Pin, unpin, feature or unfeature. */
  | 'highlight';

const SOURCES: Record<PostAction, readonly PostStatus[]> = {
  saveDraft: ['DRAFT', 'SCHEDULED', 'IN_REVIEW', 'REJECTED'],
  submit: ['DRAFT', 'SCHEDULED', 'IN_REVIEW', 'PUBLISHED', 'REJECTED'],
  publishDue: ['SCHEDULED'],
  approve: ['IN_REVIEW'],
  reject: ['IN_REVIEW', 'PUBLISHED'],
  remove: ['DRAFT', 'SCHEDULED', 'IN_REVIEW', 'PUBLISHED', 'REJECTED'],
  mediaResult: ['IN_REVIEW', 'PUBLISHED'],
  reported: ['PUBLISHED'],
  highlight: ['PUBLISHED'],
};

/** The states `action` may start from. */
export function sourcesOf(action: PostAction): readonly PostStatus[] {
  return SOURCES[action];
}

export function canApply(action: PostAction, from: PostStatus): boolean {
  return SOURCES[action].includes(from);
}

/** A post that was ever published may not go back to being a draft. */
export function canSaveDraft(from: PostStatus, everPublished: boolean): boolean {
  return canApply('saveDraft', from) && !everPublished;
}

/** How many reports send a published post back to review (举报阈值). */
export const REPORTS_TO_REVIEW = 5;

export function reportsSendToReview(reportCount: number): boolean {
  return reportCount >= REPORTS_TO_REVIEW;
}

/**
 * Where a submitted post goes before screening: SCHEDULED when `publishAt` is still ahead,
 * otherwise it is screened now.
 */
export function submissionTarget(publishAt: Date | null, now: Date): 'SCHEDULED' | 'SCREEN' {
  return publishAt && publishAt.getTime() > now.getTime() ? 'SCHEDULED' : 'SCREEN';
}

/** Whether the community's published-post count moves when a post goes from → to. */
export function publishedDelta(from: PostStatus, to: PostStatus): -1 | 0 | 1 {
  if (from === to) return 0;
  if (to === 'PUBLISHED') return 1;
  if (from === 'PUBLISHED') return -1;
  return 0;
}
