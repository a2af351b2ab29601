import { Switch, Text, View } from '@tarojs/components';
import { formatFen, type OrderPreview, type PointsSummary } from '@weshop/shared';
import '../coupon-picker/index.scss';
import './index.scss';

interface PointsToggleProps {
  /** My points (GET /points); null while loading. */
  summary: PointsSummary | null;
  on: boolean;
  /** The server's preview: what the order really spends and takes off. */
  preview: Pick<OrderPreview, 'pointsUsed' | 'pointsDeduction'> | null;
  /** Set when the server said this order cannot take points. */
  unavailable: string | null;
  onChange: (on: boolean) => void;
}

/**
 * 积分抵扣 at checkout: on, the checkout asks the server for the allowed amount (the server's preview
 * and its POINTS_NOT_APPLICABLE `allowed` decide) and this row shows `抵扣 N 积分 -¥x` from the preview.
 */
export function PointsToggle({ summary, on, preview, unavailable, onChange }: PointsToggleProps) {
  const available = summary?.available ?? 0;
  let text: string;
  if (unavailable) text = unavailable;
  else if (on && preview && preview.pointsUsed > 0)
    text = `抵扣 ${preview.pointsUsed} 积分 -${formatFen(preview.pointsDeduction)}`;
  else if (on) text = '计算中…';
  else text = available > 0 ? `可用 ${available} 积分` : '暂无可用积分';
  const disabled = available <= 0 || (Boolean(unavailable) && !on);

  return (
    <View className="checkout-row points-toggle">
      <Text className="checkout-row__label">积分抵扣</Text>
      <View className="points-toggle__right">
        <Text className={`checkout-row__value ${on ? 'checkout-row__value--active' : ''} points-toggle__text`}>
          {text}
        </Text>
        <Switch
          className="points-toggle__switch"
          checked={on}
          disabled={disabled}
          color="#e93b3d"
          onChange={(e) => onChange(Boolean(e.detail.value))}
        />
      </View>
    </View>
  );
}
