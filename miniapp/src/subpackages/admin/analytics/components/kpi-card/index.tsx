import { Text, View } from '@tarojs/components';
import type { Kpi } from '../../dashboard';
import './index.scss';

/** One figure of the period with its change against the previous period (较上期). */
export function KpiCard({ kpi }: { kpi: Kpi }) {
  return (
    <View className={`kpi-card kpi-card--${kpi.key}`} data-kpi={kpi.key}>
      <Text className="kpi-card__label">{kpi.label}</Text>
      <Text className="kpi-card__value">{kpi.value}</Text>
      <Text className={`kpi-card__change kpi-card__change--${kpi.change.trend}`}>
        较上期 {kpi.change.trend === 'up' ? '↑' : kpi.change.trend === 'down' ? '↓' : ''}
        {kpi.change.text}
      </Text>
    </View>
  );
}

/** The cards three to a row. */
export function KpiGrid({ kpis }: { kpis: readonly Kpi[] }) {
  return (
    <View className="kpi-grid">
      {kpis.map((k) => (
        <KpiCard key={k.key} kpi={k} />
      ))}
    </View>
  );
}
