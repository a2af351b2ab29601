import { useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { formatFen, type AftersaleView, type OrderView } from '@weshop/shared';
import { listMyAftersales, listOrders } from '../../../api/orders';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { AFTERSALE_STATUS_TEXT, ORDER_STATUS_TEXT, specsText } from '../../../utils/order-status';
import { toAftersaleDetail, toAftersaleList, toOrderDetail, type OrderListTab } from '../../../utils/route';
import { usePay } from '../components/pay/use-pay';
import './index.scss';

const TABS: { key: OrderListTab; label: string }[] = [
  { key: 'ALL', label: '全部' },
  { key: 'PENDING_PAYMENT', label: '待付款' },
  { key: 'TO_SHIP', label: '待发货' },
  { key: 'SHIPPED', label: '待收货' },
  { key: 'COMPLETED', label: '已完成' },
  { key: 'AFTERSALE', label: '售后' },
];

function isTab(value: string | undefined): value is OrderListTab {
  return TABS.some((t) => t.key === value);
}

function OrderCard({ order, onPay }: { order: OrderView; onPay: (o: OrderView) => void }) {
  return (
    <View className="order-card" data-id={order.id} onClick={() => toOrderDetail(order.id)}>
      <View className="order-card__head">
        <Text className="order-card__no">订单号 {order.orderNo}</Text>
        <Text className="order-card__status">{ORDER_STATUS_TEXT[order.status]}</Text>
      </View>
      {order.lines.map((line) => (
        <View key={line.id} className="order-card__line">
          <Text className="order-card__title">{line.title}</Text>
          <Text className="order-card__specs">
            {specsText(line.specs)} ×{line.quantity}
          </Text>
        </View>
      ))}
      <View className="order-card__foot">
        <Text className="order-card__payable">实付 {formatFen(order.payable)}</Text>
        {order.status === 'PENDING_PAYMENT' ? (
          <Button
            className="order-card__pay"
            onClick={(e) => {
              e.stopPropagation();
              onPay(order);
            }}
          >
            去支付
          </Button>
        ) : null}
      </View>
    </View>
  );
}

function AftersaleCard({ item }: { item: AftersaleView }) {
  return (
    <View className="order-card aftersale-entry" data-id={item.id} onClick={() => toAftersaleDetail(item.id)}>
      <View className="order-card__head">
        <Text className="order-card__no">售后单 {item.aftersaleNo}</Text>
        <Text className="order-card__status">{AFTERSALE_STATUS_TEXT[item.status]}</Text>
      </View>
      <View className="order-card__line">
        <Text className="order-card__title">{item.line.title}</Text>
        <Text className="order-card__specs">
          {item.type === 'REFUND' ? '仅退款' : '退货退款'} · {item.reason}
        </Text>
      </View>
      <View className="order-card__foot">
        <Text className="order-card__payable">退款 {formatFen(item.amount)}</Text>
      </View>
    </View>
  );
}

/** 我的订单: tabs by status (and 售后); 去支付 right from the list. */
export default function OrderListPage() {
  const query = useRouter().params.status;
  const [tab, setTab] = useState<OrderListTab>(isTab(query) ? query : 'ALL');
  const [generation, setGeneration] = useState(0);
  const { pay, sheet } = usePay({ onCancelled: () => setGeneration((g) => g + 1) });

  const orders = usePaged(
    (page) =>
      tab === 'AFTERSALE'
        ? Promise.resolve({ items: [], total: 0, page, pageSize: 20 })
        : listOrders({
            status: tab === 'ALL' ? undefined : tab,
            page,
          }),
    `${tab}|${generation}`,
  );
  const aftersales = usePaged(
    (page) =>
      tab === 'AFTERSALE' ? listMyAftersales(page) : Promise.resolve({ items: [], total: 0, page, pageSize: 20 }),
    `${tab}|${generation}`,
  );
  const active = tab === 'AFTERSALE' ? aftersales : orders;
  useReachBottom(active.loadMore);
  // Back from a detail page (paid, cancelled, received): show the new state.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setGeneration((g) => g + 1);
    shown.current = true;
  });

  return (
    <View className="order-list">
      <View className="order-tabs">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`order-tab ${tab === t.key ? 'order-tab--active' : ''}`}
            data-tab={t.key}
            onClick={() => setTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {tab === 'AFTERSALE' ? (
        <View className="order-list__all-aftersales" onClick={toAftersaleList}>
          <Text>我的售后 ›</Text>
        </View>
      ) : null}
      {active.status === 'done' && active.items.length === 0 ? (
        <Empty text={tab === 'AFTERSALE' ? '暂无售后' : '暂无订单'} />
      ) : tab === 'AFTERSALE' ? (
        aftersales.items.map((item) => <AftersaleCard key={item.id} item={item} />)
      ) : (
        orders.items.map((order) => <OrderCard key={order.id} order={order} onPay={(o) => void pay(o.id, o.payable)} />)
      )}
      {active.items.length > 0 ? (
        <LoadMore status={active.status} error={active.error} onLoadMore={active.loadMore} />
      ) : null}
      {sheet}
    </View>
  );
}
