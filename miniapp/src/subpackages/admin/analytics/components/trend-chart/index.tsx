import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { axisLabelIndexes, chartPoints, lineSegments, seriesMax, type ChartBox } from '../../chart-geometry';
import { shortDate } from '../../dashboard';
import './index.scss';

export interface TrendSeries {
  key: string;
  label: string;
  color: string;
  values: readonly number[];
  format: (value: number) => string;
}

/** The plot in design px (750-wide design): the card's inner width. */
const BOX: ChartBox = { width: 640, height: 260, padX: 16, padY: 16 };
const LINE = 4;
const DOT = 12;
const GRID_LINES = 4;
/** More days than this and the dots are left out (the line alone reads better). */
const MAX_DOTS = 31;

const px = (n: number) => Taro.pxTransform(n);

/**
 * A line chart of daily figures made of Views: each line is thin Views between the points,
 * absolutely positioned and rotated (lengths and angles from chart-geometry), with a dot per day.
 * Each series is scaled to its own maximum (GMV and UV share the box). Tapping a day shows its figures.
 */
export function TrendChart({ dates, series }: { dates: readonly string[]; series: readonly TrendSeries[] }) {
  const [picked, setPicked] = useState<number | null>(null);
  if (dates.length === 0) return <Text className="trend-chart__empty">暂无数据</Text>;
  const day = picked !== null && picked < dates.length ? picked : dates.length - 1;
  const lines = series.map((s) => {
    const points = chartPoints(s.values, BOX);
    return { ...s, points, segments: lineSegments(points), max: seriesMax(s.values) };
  });
  const xs = chartPoints(
    dates.map(() => 0),
    BOX,
  ).map((p) => p.x);
  const columnWidth = dates.length > 1 ? (BOX.width - 2 * BOX.padX) / (dates.length - 1) : BOX.width;
  const innerH = BOX.height - 2 * BOX.padY;

  return (
    <View className="trend-chart" data-days={dates.length}>
      <View className="trend-chart__legend">
        {lines.map((l) => (
          <View key={l.key} className="trend-chart__legend-item">
            <View className="trend-chart__swatch" style={{ background: l.color }} />
            <Text>
              {l.label}（最高 {l.format(l.max)}）
            </Text>
          </View>
        ))}
      </View>
      <View className="trend-chart__plot" style={{ width: px(BOX.width), height: px(BOX.height) }}>
        {Array.from({ length: GRID_LINES }, (_, k) => (
          <View
            key={`grid-${k}`}
            className="trend-chart__grid"
            style={{ top: px(BOX.padY + (innerH * k) / (GRID_LINES - 1)), width: px(BOX.width) }}
          />
        ))}
        {xs.map((x, i) => (
          <View
            key={`col-${dates[i]}`}
            className={`trend-chart__column ${i === day ? 'trend-chart__column--picked' : ''}`}
            style={{ left: px(x - columnWidth / 2), width: px(columnWidth), height: px(BOX.height) }}
            onClick={() => setPicked(i)}
          />
        ))}
        {lines.map((l) => (
          <View key={l.key} className={`trend-chart__series trend-chart__series--${l.key}`}>
            {l.segments.map((s, i) => (
              <View
                key={`seg-${i}`}
                className="trend-chart__segment"
                style={{
                  left: px(s.x),
                  top: px(s.y - LINE / 2),
                  width: px(s.length),
                  height: px(LINE),
                  background: l.color,
                  transform: `rotate(${s.angle}deg)`,
                }}
              />
            ))}
            {dates.length <= MAX_DOTS
              ? l.points.map((p, i) => (
                  <View
                    key={`dot-${dates[i]}`}
                    className="trend-chart__dot"
                    data-date={dates[i]}
                    data-value={l.values[i]}
                    style={{
                      left: px(p.x - DOT / 2),
                      top: px(p.y - DOT / 2),
                      width: px(DOT),
                      height: px(DOT),
                      borderColor: l.color,
                    }}
                  />
                ))
              : null}
          </View>
        ))}
      </View>
      <View className="trend-chart__axis" style={{ width: px(BOX.width) }}>
        {axisLabelIndexes(dates.length, 5).map((i) => (
          <Text key={dates[i]} className="trend-chart__tick" style={{ left: px(xs[i] - 40) }}>
            {shortDate(dates[i])}
          </Text>
        ))}
      </View>
      <View className="trend-chart__day">
        <Text className="trend-chart__day-date">{dates[day]}</Text>
        {series.map((s) => (
          <Text key={s.key} className="trend-chart__day-figure" data-series={s.key}>
            {s.label} {s.format(s.values[day] ?? 0)}
          </Text>
        ))}
      </View>
    </View>
  );
}
