import { Text, View } from '@tarojs/components';
import { carrierName, type OrderView } from '@weshop/shared';
import { formatTime, ORDER_STATUS_TEXT } from '../../../../../utils/order-status';
import './index.scss';

/** 订单进度, newest first. */
export function Timeline({ entries }: { entries: OrderView['timeline'] }) {
  const newestFirst = [...entries].reverse();
  return (
    <View className="timeline">
      <Text className="detail-section__title">订单进度</Text>
      {newestFirst.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`timeline__entry ${i === 0 ? 'timeline__entry--latest' : ''}`}>
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__status">{ORDER_STATUS_TEXT[e.status]}</Text>
            {e.note && e.note !== ORDER_STATUS_TEXT[e.status] ? <Text className="timeline__note">{e.note}</Text> : null}
            <Text className="timeline__at">{formatTime(e.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/** 包裹: one per shipment (split shipping gives several). */
export function Parcels({ shipments }: { shipments: OrderView['shipments'] }) {
  if (shipments.length === 0) return null;
  return (
    <View className="parcels">
      <Text className="detail-section__title">包裹</Text>
      {shipments.map((s, i) => (
        <View key={s.id} className="parcel" data-id={s.id}>
          <Text className="parcel__name">
            包裹{shipments.length > 1 ? i + 1 : ''} · {carrierName(s.carrier)}
          </Text>
          <Text className="parcel__no">运单号 {s.trackingNo}</Text>
          <Text className="parcel__at">发货时间 {formatTime(s.shippedAt)}</Text>
        </View>
      ))}
    </View>
  );
}
