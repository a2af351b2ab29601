import { Text, View } from '@tarojs/components';
import type { Funnel as FunnelFigures } from '@weshop/shared';
import { funnelBars } from '../../chart-geometry';
import { percentText } from '../../dashboard';
import './index.scss';

const STEPS: ReadonlyArray<{ key: keyof FunnelFigures; label: string }> = [
  { key: 'visitors', label: '访客' },
  { key: 'productViewers', label: '浏览商品' },
  { key: 'cartAdders', label: '加购' },
  { key: 'orderers', label: '下单' },
  { key: 'payers', label: '支付' },
];

/** 访客 → 浏览商品 → 加购 → 下单 → 支付: centred bars as wide as each step's share of the visitors. */
export function Funnel({ funnel }: { funnel: FunnelFigures }) {
  const bars = funnelBars(STEPS.map((s) => ({ key: s.key, label: s.label, value: funnel[s.key] })));
  return (
    <View className="funnel">
      {bars.map((bar) => (
        <View key={bar.key} className="funnel__step" data-step={bar.key} data-value={bar.value}>
          <View className="funnel__lane">
            <View
              className="funnel__bar"
              style={{ left: `${(100 - bar.widthPercent) / 2}%`, width: `${bar.widthPercent}%` }}
            />
            <Text className="funnel__label">
              {bar.label} {bar.value}
            </Text>
          </View>
          <Text className="funnel__rate">
            {bar.fromPrevious === null ? '' : `转化 ${percentText(bar.fromPrevious)}`}
          </Text>
        </View>
      ))}
      <Text className="funnel__total">访客到支付 {percentText(bars[bars.length - 1]?.fromFirst ?? 0)}</Text>
    </View>
  );
}
