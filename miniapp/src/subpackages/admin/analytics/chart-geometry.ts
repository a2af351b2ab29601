/**
 * Geometry of the dashboard's charts, drawn with plain Views (no canvas, no chart library) so they
 * look the same in the weapp build and in h5. All lengths are in design px (the 750-wide design);
 * the components turn them into rpx / rem with `Taro.pxTransform`. Pure.
 */

export interface ChartBox {
  width: number;
  height: number;
  /** Room kept free above the highest point and below the lowest (the line's dots must fit). */
  padY: number;
  /** Room kept free left of the first point and right of the last. */
  padX: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A straight piece of the line: starts at (x, y), `length` long, turned `angle` degrees clockwise. */
export interface Segment extends Point {
  length: number;
  angle: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The largest value, never below 0 (a series of zeros has max 0). */
export function seriesMax(values: readonly number[]): number {
  return values.reduce((max, v) => (v > max ? v : max), 0);
}

/**
 * Where each value sits in the box: evenly spaced from left to right (a single value in the
 * middle), 0 on the bottom line, `max` on the top line (the series' own maximum by default, so
 * two series of different units share one box). Negative values are drawn as 0.
 */
export function chartPoints(values: readonly number[], box: ChartBox, max = seriesMax(values)): Point[] {
  const innerW = box.width - 2 * box.padX;
  const innerH = box.height - 2 * box.padY;
  const bottom = box.height - box.padY;
  return values.map((value, i) => {
    const x = values.length === 1 ? box.width / 2 : box.padX + (innerW * i) / (values.length - 1);
    const share = max > 0 ? Math.min(Math.max(value, 0), max) / max : 0;
    return { x: round2(x), y: round2(bottom - share * innerH) };
  });
}

/** The segments joining consecutive points (one fewer than the points). */
export function lineSegments(points: readonly Point[]): Segment[] {
  const segments: Segment[] = [];
  for (let i = 1; i < points.length; i += 1) {
    const a = points[i - 1];
    const b = points[i];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    segments.push({
      x: a.x,
      y: a.y,
      length: round2(Math.hypot(dx, dy)),
      angle: round2((Math.atan2(dy, dx) * 180) / Math.PI),
    });
  }
  return segments;
}

/**
 * Bar widths in percent of the longest bar (the largest value is 100), or of a fixed `max` (a
 * score out of 5; values above it are full). A value above 0 is at least `minPercent` wide so it
 * stays visible next to a much larger one; 0 is 0.
 */
export function barPercents(values: readonly number[], minPercent = 2, max = seriesMax(values)): number[] {
  return values.map((v) => {
    if (max <= 0 || v <= 0) return 0;
    return round2(Math.max(minPercent, Math.min(100, (v / max) * 100)));
  });
}

/**
 * Which indexes of `count` x-axis positions get a date label: every `step`-th from the first (the
 * smallest whole step giving at most `maxLabels`), and the last unless it would crowd the one
 * before it (half a step or closer).
 */
export function axisLabelIndexes(count: number, maxLabels: number): number[] {
  if (count <= 0 || maxLabels <= 0) return [];
  if (count <= maxLabels) return Array.from({ length: count }, (_, i) => i);
  if (maxLabels === 1) return [0];
  const step = Math.ceil((count - 1) / (maxLabels - 1));
  const indexes: number[] = [];
  for (let i = 0; i < count; i += step) indexes.push(i);
  const last = count - 1;
  if (indexes[indexes.length - 1] !== last) {
    if (last - indexes[indexes.length - 1] <= step / 2 || indexes.length === maxLabels) indexes.pop();
    indexes.push(last);
  }
  return indexes;
}

export interface FunnelStep {
  key: string;
  label: string;
  value: number;
}

export interface FunnelBar extends FunnelStep {
  /** Width in percent of the first step's (the widest). */
  widthPercent: number;
  /** This step over the previous one, 0…1 (null for the first step). */
  fromPrevious: number | null;
  /** This step over the first one, 0…1. */
  fromFirst: number;
}

const share = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10_000) / 10_000 : 0);

/** The funnel's bars: each as wide as its share of the first step, with the step-to-step rates. */
export function funnelBars(steps: readonly FunnelStep[]): FunnelBar[] {
  const first = steps[0]?.value ?? 0;
  return steps.map((step, i) => ({
    ...step,
    widthPercent: first > 0 ? round2(Math.max(step.value > 0 ? 2 : 0, Math.min(100, (step.value / first) * 100))) : 0,
    fromPrevious: i === 0 ? null : share(step.value, steps[i - 1].value),
    fromFirst: share(step.value, first),
  }));
}
