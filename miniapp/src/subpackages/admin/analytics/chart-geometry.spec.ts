import {
  axisLabelIndexes,
  barPercents,
  chartPoints,
  funnelBars,
  lineSegments,
  seriesMax,
  type ChartBox,
  type Point,
} from './chart-geometry';

const box: ChartBox = { width: 100, height: 60, padX: 10, padY: 10 };

describe('seriesMax', () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[3, 9, 4], 9],
    [[-5, -1], 0],
  ])('seriesMax(%j) = %d', (values, max) => {
    expect(seriesMax(values)).toBe(max);
  });
});

describe('chartPoints', () => {
  it.each<[string, number[], number | undefined, Point[]]>([
    ['no values', [], undefined, []],
    ['one value sits in the middle, at the top', [5], undefined, [{ x: 50, y: 10 }]],
    [
      'evenly spaced, max on the top line, 0 on the bottom line',
      [0, 5, 10],
      undefined,
      [
        { x: 10, y: 50 },
        { x: 50, y: 30 },
        { x: 90, y: 10 },
      ],
    ],
    [
      'all zeros lie on the bottom line',
      [0, 0],
      undefined,
      [
        { x: 10, y: 50 },
        { x: 90, y: 50 },
      ],
    ],
    [
      'a given max scales; negatives are drawn as 0, above max as max',
      [-3, 20, 40],
      20,
      [
        { x: 10, y: 50 },
        { x: 50, y: 10 },
        { x: 90, y: 10 },
      ],
    ],
    [
      'uneven thirds round to 2 places',
      [1, 3, 0, 2],
      3,
      [
        { x: 10, y: 36.67 },
        { x: 36.67, y: 10 },
        { x: 63.33, y: 50 },
        { x: 90, y: 23.33 },
      ],
    ],
  ])('%s', (_, values, max, points) => {
    expect(chartPoints(values, box, max)).toEqual(points);
  });
});

describe('lineSegments', () => {
  it.each<[string, Point[], ReturnType<typeof lineSegments>]>([
    ['no points, no segments', [], []],
    ['one point, no segments', [{ x: 1, y: 1 }], []],
    [
      'flat: angle 0',
      [
        { x: 0, y: 5 },
        { x: 10, y: 5 },
      ],
      [{ x: 0, y: 5, length: 10, angle: 0 }],
    ],
    [
      'rising (y grows downwards): negative angle',
      [
        { x: 0, y: 4 },
        { x: 3, y: 0 },
      ],
      [{ x: 0, y: 4, length: 5, angle: -53.13 }],
    ],
    [
      'falling: positive angle; one segment per pair',
      [
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 20, y: 10 },
      ],
      [
        { x: 0, y: 0, length: 14.14, angle: 45 },
        { x: 10, y: 10, length: 10, angle: 0 },
      ],
    ],
    [
      'straight down',
      [
        { x: 5, y: 0 },
        { x: 5, y: 8 },
      ],
      [{ x: 5, y: 0, length: 8, angle: 90 }],
    ],
  ])('%s', (_, points, segments) => {
    expect(lineSegments(points)).toEqual(segments);
  });

  it('each segment ends on the next point', () => {
    const points = chartPoints([3, 8, 1, 6, 6, 0, 9], box);
    lineSegments(points).forEach((s, i) => {
      const rad = (s.angle * Math.PI) / 180;
      expect(s.x + s.length * Math.cos(rad)).toBeCloseTo(points[i + 1].x, 1);
      expect(s.y + s.length * Math.sin(rad)).toBeCloseTo(points[i + 1].y, 1);
    });
  });
});

describe('barPercents', () => {
  it.each<[number[], number | undefined, number[]]>([
    [[], undefined, []],
    [[0, 0], undefined, [0, 0]],
    [[50, 100, 25], undefined, [50, 100, 25]],
    [[1, 1000], undefined, [2, 100]],
    [[1, 1000], 5, [5, 100]],
    [[1, 3], undefined, [33.33, 100]],
    [[-4, 8], undefined, [0, 100]],
  ])('barPercents(%j, min %p) = %j', (values, min, percents) => {
    expect(barPercents(values, min)).toEqual(percents);
  });

  it.each<[number[], number, number[]]>([
    [[4.8, 5, 2.5], 5, [96, 100, 50]],
    [[6, 0], 5, [100, 0]],
    [[3], 0, [0]],
  ])('barPercents(%j) out of %d = %j', (values, max, percents) => {
    expect(barPercents(values, 2, max)).toEqual(percents);
  });
});

describe('axisLabelIndexes', () => {
  it.each<[number, number, number[]]>([
    [0, 5, []],
    [3, 0, []],
    [1, 5, [0]],
    [4, 5, [0, 1, 2, 3]],
    [7, 7, [0, 1, 2, 3, 4, 5, 6]],
    [7, 5, [0, 2, 4, 6]],
    [30, 5, [0, 8, 16, 24, 29]],
    [31, 5, [0, 8, 16, 24, 30]],
    [8, 5, [0, 2, 4, 7]],
    [10, 2, [0, 9]],
    [10, 1, [0]],
    [366, 6, [0, 73, 146, 219, 292, 365]],
  ])('%d positions, at most %d labels → %j', (count, max, indexes) => {
    expect(axisLabelIndexes(count, max)).toEqual(indexes);
  });
});

describe('funnelBars', () => {
  const steps = (...values: number[]) => values.map((value, i) => ({ key: `s${i}`, label: `步骤${i}`, value }));

  it.each<[string, number[], Array<[number, number | null, number]>]>([
    ['no steps', [], []],
    [
      'widths relative to the first step, rates step to step and from the top',
      [200, 100, 40, 20, 10],
      [
        [100, null, 1],
        [50, 0.5, 0.5],
        [20, 0.4, 0.2],
        [10, 0.5, 0.1],
        [5, 0.5, 0.05],
      ],
    ],
    [
      'an empty funnel is all zeros',
      [0, 0, 0],
      [
        [0, null, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    [
      'a tiny step stays visible; a step after an empty one has rate 0',
      [1000, 1, 0, 0],
      [
        [100, null, 1],
        [2, 0.001, 0.001],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ],
    [
      'a later step larger than the first is capped at 100%',
      [10, 12],
      [
        [100, null, 1],
        [100, 1.2, 1.2],
      ],
    ],
  ])('%s', (_, values, expected) => {
    expect(funnelBars(steps(...values)).map((b) => [b.widthPercent, b.fromPrevious, b.fromFirst])).toEqual(expected);
  });
});
