import { Text, View } from '@tarojs/components';
import { barPercents } from '../../chart-geometry';
import type { Change } from '../../dashboard';
import './index.scss';

export interface BarRow {
  key: string;
  label: string;
  /** What the bar's length shows (bars are relative to the largest). */
  value: number;
  valueText: string;
  /** A second line of figures. */
  detail?: string;
  change?: Change;
}

/** Horizontal bars, each as wide as its share of the largest value; plain Views (weapp and h5 alike). */
export function BarList(props: {
  rows: readonly BarRow[];
  empty?: string;
  kind?: string;
  /** Bars out of this (e.g. 5 for scores) instead of relative to the largest. */
  scaleMax?: number;
}) {
  const { rows, empty = '暂无数据', kind = '', scaleMax } = props;
  if (rows.length === 0) return <Text className="bar-list__empty">{empty}</Text>;
  const widths = barPercents(
    rows.map((r) => r.value),
    2,
    scaleMax,
  );
  return (
    <View className={`bar-list ${kind ? `bar-list--${kind}` : ''}`}>
      {rows.map((row, i) => (
        <View key={row.key} className="bar-row" data-key={row.key}>
          <View className="bar-row__head">
            <Text className="bar-row__rank">{i + 1}</Text>
            <Text className="bar-row__label">{row.label}</Text>
            <Text className="bar-row__value">{row.valueText}</Text>
          </View>
          <View className="bar-row__track">
            <View className="bar-row__fill" style={{ width: `${widths[i]}%` }} />
          </View>
          {row.detail || row.change ? (
            <View className="bar-row__foot">
              <Text className="bar-row__detail">{row.detail ?? ''}</Text>
              {row.change ? (
                <Text className={`bar-row__change bar-row__change--${row.change.trend}`}>较上期 {row.change.text}</Text>
              ) : null}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
