import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { CARRIERS, formatFen, OrderStatus, ShipRequest, type AdminOrderView } from '@weshop/shared';
import { listAdminOrders, shipOrder } from '../../../api/admin';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { formatTime, ORDER_STATUS_TEXT, specsText } from '../../../utils/order-status';
import { AdminGate } from '../components/admin-gate';
import { AdminTabs } from '../components/admin-tabs';

type Tab = OrderStatus | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'TO_SHIP', label: '待发货' },
  { key: 'SHIPPED', label: '已发货' },
  { key: 'PENDING_PAYMENT', label: '待付款' },
  { key: 'ALL', label: '全部' },
];

/** 发货 form: carrier chips and the tracking number, checked against the shared contract before sending. */
function ShipForm({ order, onShipped }: { order: AdminOrderView; onShipped: () => void }) {
  const [carrier, setCarrier] = useState<string>(CARRIERS[0].code);
  const [trackingNo, setTrackingNo] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const body = ShipRequest.safeParse({ carrier, trackingNo: trackingNo.trim() });
    if (!body.success) {
      void Taro.showToast({ title: '运单号为 6-32 位字母或数字', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      await shipOrder(order.id, body.data);
      void Taro.showToast({ title: '已发货', icon: 'success' });
      onShipped();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="admin-form ship-form">
      <View className="admin-chips">
        {CARRIERS.map((c) => (
          <View
            key={c.code}
            className={`admin-chip ${carrier === c.code ? 'admin-chip--active' : ''}`}
            data-carrier={c.code}
            onClick={() => setCarrier(c.code)}
          >
            <Text>{c.name}</Text>
          </View>
        ))}
      </View>
      <Input
        className="admin-input ship-form__tracking"
        value={trackingNo}
        placeholder="运单号"
        onInput={(e) => setTrackingNo(e.detail.value)}
      />
      <View className="admin-actions">
        <Button
          className="admin-button admin-button--primary ship-form__submit"
          disabled={busy || undefined}
          onClick={() => void submit()}
        >
          确认发货
        </Button>
      </View>
    </View>
  );
}

/** 订单管理: orders by status; 发货 on orders waiting to ship. */
export default function AdminOrdersPage() {
  const query = useRouter().params.status;
  const initial: Tab = OrderStatus.safeParse(query).success ? (query as OrderStatus) : 'TO_SHIP';
  const [tab, setTab] = useState<Tab>(initial);
  const [generation, setGeneration] = useState(0);
  const [shipping, setShipping] = useState<string | null>(null);
  const { items, status, error, loadMore } = usePaged(
    (page) => listAdminOrders({ status: tab === 'ALL' ? undefined : tab, page }),
    `${tab}|${generation}`,
  );
  useReachBottom(loadMore);

  return (
    <AdminGate>
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text="暂无订单" /> : null}
      {items.map((o) => (
        <View key={o.id} className="admin-card admin-order" data-id={o.id} data-order-no={o.orderNo}>
          <View className="admin-card__head">
            <Text className="admin-order__no">{o.orderNo}</Text>
            <Text className="admin-card__status">{ORDER_STATUS_TEXT[o.status]}</Text>
          </View>
          {o.lines.map((l) => (
            <Text key={l.id} className="admin-card__title">
              {l.title} · {specsText(l.specs)} ×{l.quantity}
            </Text>
          ))}
          <Text className="admin-card__row">
            买家 {o.buyer.nickname} · 实付 {formatFen(o.payable)} · {formatTime(o.createdAt)}
          </Text>
          <Text className="admin-card__row">
            {o.address.name} {o.address.phone} {o.address.province}
            {o.address.city}
            {o.address.district} {o.address.detail}
          </Text>
          {o.status === 'TO_SHIP' ? (
            shipping === o.id ? (
              <ShipForm
                order={o}
                onShipped={() => {
                  setShipping(null);
                  setGeneration((g) => g + 1);
                }}
              />
            ) : (
              <View className="admin-actions">
                <Button className="admin-button admin-ship" onClick={() => setShipping(o.id)}>
                  发货
                </Button>
              </View>
            )
          ) : null}
        </View>
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </AdminGate>
  );
}
