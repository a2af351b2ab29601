/**
 * 内容安全: how the local keyword list and WeChat's verdicts (msg_sec_check for text,
 * media_check_async for images, WECHAT.md §C.6) decide where a post goes. Pure functions.
 */

export type Suggest = 'pass' | 'review' | 'risky';

/** A text verdict from msg_sec_check, or the reason there is none (WeChat failed, openid stale…). */
export type TextVerdict = { suggest: Suggest; label: number } | { unavailable: true; errcode?: number };

/** The state of one image's asynchronous check, as stored in MediaCheck.result. */
export type MediaResult = 'PENDING' | 'PASS' | 'REVIEW' | 'RISKY';

export interface Outcome {
  status: 'PUBLISHED' | 'IN_REVIEW' | 'REJECTED';
  rejectReason: string | null;
  /** Why a manager must look at it; null while only machine checks are outstanding. */
  reviewReason: string | null;
}

const IMAGE_REVIEW = '图片需人工审核';

/** msg_sec_check takes at most 2,500 characters of content. */
export const MSG_SEC_CHECK_MAX = 2500;

/** WeChat's labels (§C.6) in the words a manager and an author read. */
const LABELS: Record<number, string> = {
  100: '正常',
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
};

export function labelName(label: number): string {
  return LABELS[label] ?? '其他';
}

/** Splits text into pieces msg_sec_check accepts (whole code points, ≤ `max` characters each). */
export function chunkForCheck(text: string, max = MSG_SEC_CHECK_MAX): string[] {
  const chars = Array.from(text);
  if (chars.length === 0) return [];
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += max) chunks.push(chars.slice(i, i + max).join(''));
  return chunks;
}

const SEVERITY: Record<Suggest, number> = { pass: 0, review: 1, risky: 2 };

/** The strictest of several verdicts (any unavailable one makes the whole unavailable unless one is risky). */
export function worstVerdict(verdicts: TextVerdict[]): TextVerdict {
  let worst: TextVerdict = { suggest: 'pass', label: 100 };
  let unavailable: TextVerdict | null = null;
  for (const verdict of verdicts) {
    if ('unavailable' in verdict) {
      unavailable ??= verdict;
      continue;
    }
    if ('unavailable' in worst || SEVERITY[verdict.suggest] > SEVERITY[worst.suggest]) worst = verdict;
  }
  if ('suggest' in worst && worst.suggest === 'risky') return worst;
  return unavailable ?? worst;
}

export interface Screening {
  /** A word of the local list found in the title or text. */
  keyword: string | null;
  /** msg_sec_check's verdict on title and text (absent when the keyword already decided). */
  text?: TextVerdict;
  /** A video no machine check covers (media_check_async takes images and audio only). */
  hasVideo: boolean;
  /** Images submitted to media_check_async whose results will come by callback. */
  imagesPending: number;
  /** Images that could not be submitted. */
  imagesUnsubmitted: number;
}

/** Why text with a listed word is refused (the word shortened to fit the stored reason). */
export function keywordReason(keyword: string): string {
  const chars = Array.from(keyword);
  return `包含违禁词「${chars.length > 32 ? `${chars.slice(0, 32).join('')}…` : keyword}」`;
}

/** Where a screened post goes now. */
export function screeningOutcome(s: Screening): Outcome {
  if (s.keyword) return { status: 'REJECTED', rejectReason: keywordReason(s.keyword), reviewReason: null };
  const text = s.text ?? { unavailable: true };
  if ('suggest' in text && text.suggest === 'risky')
    return { status: 'REJECTED', rejectReason: `内容安全检测未通过（${labelName(text.label)}）`, reviewReason: null };
  const reasons: string[] = [];
  if ('unavailable' in text) reasons.push('文本检测暂不可用');
  else if (text.suggest === 'review') reasons.push(`文本需人工审核（${labelName(text.label)}）`);
  if (s.imagesUnsubmitted > 0) reasons.push('图片检测暂不可用');
  if (s.hasVideo) reasons.push('视频需人工审核');
  const reviewReason = reasons.length ? reasons.join('；') : null;
  if (reviewReason || s.imagesPending > 0) return { status: 'IN_REVIEW', rejectReason: null, reviewReason };
  return { status: 'PUBLISHED', rejectReason: null, reviewReason: null };
}

/**
 * What the image results so far mean for a post in `current` state (IN_REVIEW or PUBLISHED),
 * or null when nothing changes yet. `expected` are the post's image URLs, `results` the
 * latest result per URL (a URL without a row is still pending).
 */
export function mediaOutcome(
  current: 'IN_REVIEW' | 'PUBLISHED',
  reviewReason: string | null,
  expected: string[],
  results: Map<string, MediaResult>,
): Outcome | null {
  const all = [...new Set(expected)].map((url) => results.get(url) ?? 'PENDING');
  if (all.includes('RISKY')) return { status: 'REJECTED', rejectReason: '图片未通过内容安全检测', reviewReason: null };
  if (current === 'PUBLISHED') return null; // approved by a manager already: only a risky image takes it down
  if (all.includes('PENDING')) return null;
  if (all.includes('REVIEW')) {
    if (reviewReason?.includes(IMAGE_REVIEW)) return null;
    return {
      status: 'IN_REVIEW',
      rejectReason: null,
      reviewReason: [reviewReason, IMAGE_REVIEW].filter(Boolean).join('；'),
    };
  }
  if (reviewReason) return null; // a manager still has to look at it
  return { status: 'PUBLISHED', rejectReason: null, reviewReason: null };
}

/** Maps a pushed `result.suggest` to the stored result. */
export function mediaResultOf(suggest: unknown): MediaResult | null {
  if (suggest === 'pass') return 'PASS';
  if (suggest === 'review') return 'REVIEW';
  if (suggest === 'risky') return 'RISKY';
  return null;
}
