import { POST_STATUSES, type PostStatus } from '@weshop/shared';
import {
  canApply,
  canSaveDraft,
  publishedDelta,
  reportsSendToReview,
  submissionTarget,
  type PostAction,
} from './post-state';

describe('post state machine', () => {
  // Every (action, state) pair: ✓ allowed, · refused.
  const TABLE: Record<PostAction, string> = {
    //            DRAFT SCHEDULED IN_REVIEW PUBLISHED REJECTED REMOVED
    saveDraft: '   ✓     ✓         ✓         ·         ✓        ·',
    submit: '      ✓     ✓         ✓         ✓         ✓        ·',
    publishDue: '  ·     ✓         ·         ·         ·        ·',
    approve: '     ·     ·         ✓         ·         ·        ·',
    reject: '      ·     ·         ✓         ✓         ·        ·',
    remove: '      ✓     ✓         ✓         ✓         ✓        ·',
    mediaResult: ' ·     ·         ✓         ✓         ·        ·',
    reported: '    ·     ·         ·         ✓         ·        ·',
    highlight: '   ·     ·         ·         ✓         ·        ·',
  };
  const cases = Object.entries(TABLE).flatMap(([action, row]) => {
    const marks = row.trim().split(/\s+/);
    return POST_STATUSES.map((status, i) => [action as PostAction, status, marks[i] === '✓'] as const);
  });

  it.each(cases)('%s from %s → %s', (action, from, allowed) => {
    expect(canApply(action, from)).toBe(allowed);
  });

  it('REMOVED is final', () => {
    for (const action of Object.keys(TABLE) as PostAction[]) expect(canApply(action, 'REMOVED')).toBe(false);
  });

  it.each([
    ['DRAFT', false, true],
    ['REJECTED', false, true],
    ['REJECTED', true, false],
    ['IN_REVIEW', true, false],
    ['PUBLISHED', true, false],
  ] as Array<[PostStatus, boolean, boolean]>)('draft from %s (ever published %s) → %s', (from, ever, allowed) => {
    expect(canSaveDraft(from, ever)).toBe(allowed);
  });

  const now = new Date('2025-06-01T10:00:00Z');
  it.each([
    [null, 'SCREEN'],
    [new Date('2025-06-01T09:59:59Z'), 'SCREEN'],
    [new Date('2025-06-01T10:00:00Z'), 'SCREEN'],
    [new Date('2025-06-01T10:00:00.001Z'), 'SCHEDULED'],
  ] as Array<[Date | null, string]>)('publishAt %s → %s', (publishAt, target) => {
    expect(submissionTarget(publishAt, now)).toBe(target);
  });

  it.each([
    ['IN_REVIEW', 'PUBLISHED', 1],
    ['SCHEDULED', 'PUBLISHED', 1],
    ['PUBLISHED', 'PUBLISHED', 0],
    ['PUBLISHED', 'REJECTED', -1],
    ['PUBLISHED', 'REMOVED', -1],
    ['PUBLISHED', 'IN_REVIEW', -1],
    ['IN_REVIEW', 'REJECTED', 0],
    ['DRAFT', 'REMOVED', 0],
  ] as Array<[PostStatus, PostStatus, number]>)('%s → %s moves the published count by %d', (from, to, delta) => {
    expect(publishedDelta(from, to)).toBe(delta);
  });

  it.each([
    [0, false],
    [4, false],
    [5, true],
    [9, true],
  ])('%d reports → back to review: %s', (count, expected) => {
    expect(reportsSendToReview(count)).toBe(expected);
  });
});
