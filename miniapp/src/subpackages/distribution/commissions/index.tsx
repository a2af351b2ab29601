import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import { CommissionStatus, formatFen, type CommissionView } from '@weshop/shared';
import { listCommissions } from '../../../api/distribution';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { COMMISSION_LEVEL_TEXT, COMMISSION_STATUS_TEXT } from '../../../utils/distribution';
import { formatTime } from '../../../utils/order-status';
import { DistTabs } from '../components/dist-tabs';
import './index.scss';

type Tab = CommissionStatus | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'ALL', label: '全部' },
  { key: 'PENDING', label: '待结算' },
  { key: 'SETTLED', label: '已结算' },
  { key: 'REVERSED', label: '已冲回' },
  { key: 'ESTIMATED', label: '预估' },
];

/** One commission: the order it came from, the level, the server's amount and any reversed part. */
function CommissionCard({ item }: { item: CommissionView }) {
  return (
    <View className="dist-card commission" data-id={item.id} data-status={item.status}>
      <View className="dist-card__head">
        <Text className="commission__order">订单 {item.orderNo}</Text>
        <Text className="dist-card__status commission__status">{COMMISSION_STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className="dist-card__title commission__title">{item.productTitle}</Text>
      <Text className="dist-card__row">
        <Text className="commission__level">{COMMISSION_LEVEL_TEXT[item.level]}</Text> · 买家 {item.buyer} · 实付{' '}
        {formatFen(item.base)}
      </Text>
      <Text className="dist-card__row commission__rule">{item.rule}</Text>
      <View className="dist-card__foot">
        <Text className="dist-muted">
          {formatTime(item.createdAt)}
          {item.settledAt ? ` · 结算 ${formatTime(item.settledAt)}` : ''}
        </Text>
        <Text className="dist-amount commission__amount">{formatFen(item.amount)}</Text>
      </View>
      {item.reversedAmount > 0 ? (
        <View className="dist-card__foot commission__reversal">
          <Text className="commission__reversed">退款冲回 -{formatFen(item.reversedAmount)}</Text>
          <Text className="commission__net">实得 {formatFen(item.net)}</Text>
        </View>
      ) : null}
    </View>
  );
}

/** 佣金明细: commissions by status, newest first. Query `status` picks the first tab. */
export default function CommissionsPage() {
  const query = useRouter().params.status;
  const [tab, setTab] = useState<Tab>(CommissionStatus.safeParse(query).success ? (query as Tab) : 'ALL');
  const { items, status, error, loadMore } = usePaged(
    (page) => listCommissions({ status: tab === 'ALL' ? undefined : tab, page }),
    tab,
  );
  useReachBottom(loadMore);
  return (
    <View className="dist-page commissions">
      <DistTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text="暂无佣金" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((item) => (
        <CommissionCard key={item.id} item={item} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </View>
  );
}
