/** One review's three scores (1–5 each). */
export interface ReviewScores {
  product: number;
  logistics: number;
  service: number;
}

/** Sums of the three scores over `count` reviews (what SQL SUM/COUNT returns). */
export interface ScoreTotals extends ReviewScores {
  count: number;
}

export interface Dsr extends ReviewScores {
  count: number;
}

/** DSR shown when a shop has no review in the period: a new shop starts at full marks. */
export const DSR_WITHOUT_REVIEWS = 5;

/** The DSR period: reviews of the last 180 days (by the shop clock). */
export const DSR_WINDOW_DAYS = 180;

/** sum / count rounded half-up to 2 decimals, in integers (no float drift at .xx5). */
function average(sum: number, count: number): number {
  const hundredths = Math.floor((sum * 200 + count) / (2 * count));
  return hundredths / 100;
}

/**
 * DSR (店铺动态评分) from score totals: the average product, logistics and service scores,
 * rounded half-up to 2 decimals. With no reviews (count 0) every score is 5.00 and count is 0:
 * a shop without reviews shows full marks rather than zero.
 */
export function dsrFromTotals(totals: ScoreTotals): Dsr {
  if (totals.count <= 0)
    return { product: DSR_WITHOUT_REVIEWS, logistics: DSR_WITHOUT_REVIEWS, service: DSR_WITHOUT_REVIEWS, count: 0 };
  return {
    product: average(totals.product, totals.count),
    logistics: average(totals.logistics, totals.count),
    service: average(totals.service, totals.count),
    count: totals.count,
  };
}

/**
 * DSR from a list of reviews' scores: see dsrFromTotals (no reviews → 5.00 each, count 0).
 */
export function dsrFrom(scores: readonly ReviewScores[]): Dsr {
  return dsrFromTotals(
    scores.reduce<ScoreTotals>(
      (t, s) => ({
        product: t.product + s.product,
        logistics: t.logistics + s.logistics,
        service: t.service + s.service,
        count: t.count + 1,
      }),
      { product: 0, logistics: 0, service: 0, count: 0 },
    ),
  );
}

/** Start of the DSR period ending at `now`. */
export function dsrWindowStart(now: Date): Date {
  return new Date(now.getTime() - DSR_WINDOW_DAYS * 24 * 3_600_000);
}
