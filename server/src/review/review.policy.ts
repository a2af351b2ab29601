/**
 * 昵称打码: a reviewer's nickname as everyone sees it: the first and last characters around
 * `***` (`Alice` → `A***e`), one character → `A***`, none → `匿***`. Counts characters, not
 * UTF-16 units, so Chinese names and emoji are never cut in half.
 */
export function maskNickname(nickname: string): string {
  const chars = Array.from(nickname.trim());
  if (chars.length === 0) return '匿***';
  if (chars.length === 1) return `${chars[0]}***`;
  return `${chars[0]}***${chars[chars.length - 1]}`;
}

export interface ReviewImages {
  review: string[];
  followUp: string[];
}

/**
 * The `images` column: a JSON array of the review's image URLs; once a follow-up brings images,
 * `{ review: [...], followUp: [...] }` (the table has no column of its own for them).
 */
export function imagesOf(value: unknown): ReviewImages {
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  if (Array.isArray(value)) return { review: strings(value), followUp: [] };
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    return { review: strings(o.review), followUp: strings(o.followUp) };
  }
  return { review: [], followUp: [] };
}

/** The column value for these images (a plain array while there are no follow-up images). */
export function imagesColumn(images: ReviewImages): string[] | ReviewImages {
  return images.followUp.length ? images : images.review;
}
