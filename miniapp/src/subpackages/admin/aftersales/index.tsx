import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { formatFen, type AftersaleStatus, type AftersaleView } from '@weshop/shared';
import { approveAftersale, listAdminAftersales, receiveAftersale, rejectAftersale } from '../../../api/admin';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { AFTERSALE_STATUS_TEXT, formatTime } from '../../../utils/order-status';
import { AdminGate } from '../components/admin-gate';
import { AdminTabs } from '../components/admin-tabs';

type Tab = AftersaleStatus | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'REQUESTED', label: '待审核' },
  { key: 'RETURNING', label: '退货中' },
  { key: 'REFUNDING', label: '退款中' },
  { key: 'ALL', label: '全部' },
];

function AftersaleCard({ item, onChanged }: { item: AftersaleView; onChanged: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void Taro.showToast({ title: done, icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  return (
    <View className="admin-card admin-aftersale" data-id={item.id}>
      <View className="admin-card__head">
        <Text>
          {item.aftersaleNo} · 订单 {item.orderNo}
        </Text>
        <Text className="admin-card__status">{AFTERSALE_STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className="admin-card__title">{item.line.title}</Text>
      <Text className="admin-card__row">
        {item.type === 'REFUND' ? '仅退款' : '退货退款'} · 退款 {formatFen(item.amount)} · {item.quantity} 件
      </Text>
      <Text className="admin-card__row">原因：{item.reason}</Text>
      {item.returnTrackingNo ? (
        <Text className="admin-card__row">
          退货运单 {item.returnCarrier} {item.returnTrackingNo}
        </Text>
      ) : null}
      {item.note ? <Text className="admin-card__row">{item.note}</Text> : null}
      <Text className="admin-card__row">{formatTime(item.createdAt)}</Text>
      {item.status === 'REQUESTED' ? (
        rejecting ? (
          <View className="admin-form">
            <Input
              className="admin-input"
              value={reason}
              placeholder="拒绝原因"
              onInput={(e) => setReason(e.detail.value)}
            />
            <View className="admin-actions">
              <Button className="admin-button" onClick={() => setRejecting(false)}>
                返回
              </Button>
              <Button
                className="admin-button admin-button--primary"
                onClick={() =>
                  reason.trim()
                    ? void run(() => rejectAftersale(item.id, reason.trim()), '已拒绝')
                    : void Taro.showToast({ title: '请填写拒绝原因', icon: 'none' })
                }
              >
                确认拒绝
              </Button>
            </View>
          </View>
        ) : (
          <View className="admin-actions">
            <Button className="admin-button" onClick={() => setRejecting(true)}>
              拒绝
            </Button>
            <Button
              className="admin-button admin-button--primary"
              onClick={() => void run(() => approveAftersale(item.id), '已同意')}
            >
              同意
            </Button>
          </View>
        )
      ) : null}
      {item.status === 'RETURNING' ? (
        <View className="admin-actions">
          <Button
            className="admin-button admin-button--primary"
            onClick={() => void run(() => receiveAftersale(item.id), '已确认收货')}
          >
            确认收到退货
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 售后管理: requests by status with 同意 / 拒绝, and 确认收到退货 for returns. */
export default function AdminAftersalesPage() {
  const [tab, setTab] = useState<Tab>('REQUESTED');
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged(
    (page) => listAdminAftersales({ status: tab === 'ALL' ? undefined : tab, page }),
    `${tab}|${generation}`,
  );
  useReachBottom(loadMore);
  return (
    <AdminGate>
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text="暂无售后" /> : null}
      {items.map((item) => (
        <AftersaleCard key={item.id} item={item} onChanged={() => setGeneration((g) => g + 1)} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </AdminGate>
  );
}
