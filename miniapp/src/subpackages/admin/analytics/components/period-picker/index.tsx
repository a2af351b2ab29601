import { Picker, Text, View } from '@tarojs/components';
import { ANALYTICS_MAX_DAYS } from '@weshop/shared';
import {
  addDays,
  normalisePeriod,
  PERIOD_PRESETS,
  presetPeriod,
  type Period,
  type PeriodPreset,
} from '../../dashboard';
import './index.scss';

/**
 * 今日 / 近7天 / 近30天 / 自定义: the dashboard's period. 自定义 shows two date pickers (from, to),
 * kept valid: no future day, `to` not before `from`, at most ANALYTICS_MAX_DAYS days.
 */
export function PeriodPicker(props: {
  preset: PeriodPreset;
  period: Period;
  today: string;
  onChange: (preset: PeriodPreset, period: Period) => void;
}) {
  const { preset, period, today, onChange } = props;
  const earliest = addDays(today, -(ANALYTICS_MAX_DAYS * 3));
  const pick = (next: Period) => onChange('custom', normalisePeriod(next, today, ANALYTICS_MAX_DAYS));
  return (
    <View className="period-picker">
      <View className="period-picker__presets">
        {PERIOD_PRESETS.map((p) => (
          <Text
            key={p.key}
            className={`period-picker__preset ${preset === p.key ? 'period-picker__preset--active' : ''}`}
            data-preset={p.key}
            onClick={() => onChange(p.key, presetPeriod(p.key, today, period))}
          >
            {p.label}
          </Text>
        ))}
      </View>
      {preset === 'custom' ? (
        <View className="period-picker__custom">
          <Picker
            mode="date"
            value={period.from}
            start={earliest}
            end={today}
            onChange={(e) => pick({ from: String(e.detail.value), to: period.to })}
          >
            <Text className="period-picker__date period-picker__from">{period.from}</Text>
          </Picker>
          <Text className="period-picker__dash">至</Text>
          <Picker
            mode="date"
            value={period.to}
            start={earliest}
            end={today}
            onChange={(e) => pick({ from: period.from, to: String(e.detail.value) })}
          >
            <Text className="period-picker__date period-picker__to">{period.to}</Text>
          </Picker>
        </View>
      ) : null}
    </View>
  );
}
