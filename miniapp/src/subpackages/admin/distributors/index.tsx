import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { formatFen, type AdminDistributorView, type DistributorStatus } from '@weshop/shared';
import { approveDistributor, listAdminDistributors, rejectDistributor } from '../../../api/admin-distribution';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { DISTRIBUTOR_STATUS_TEXT } from '../../../utils/distribution';
import { formatTime } from '../../../utils/order-status';
import { AdminGate } from '../components/admin-gate';
import { AdminTabs, DistributionConsoleTabs } from '../components/admin-tabs';
import { RejectForm } from '../components/reject-form';

type Tab = Exclude<DistributorStatus, 'NONE'> | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'PENDING', label: '待审核' },
  { key: 'APPROVED', label: '已通过' },
  { key: 'REJECTED', label: '已驳回' },
  { key: 'ALL', label: '全部' },
];

function DistributorCard({ item, onChanged }: { item: AdminDistributorView; onChanged: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
      void Taro.showToast({ title: done, icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const b = item.balances;
  return (
    <View className="admin-card admin-distributor" data-user-id={item.userId} data-status={item.status}>
      <View className="admin-card__head">
        <Text>
          用户 {item.userId}
          {item.code ? ` · 推荐码 ${item.code}` : ''}
        </Text>
        <Text className="admin-card__status">{DISTRIBUTOR_STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className="admin-card__title">{item.nickname}</Text>
      <Text className="admin-card__row">
        申请于 {formatTime(item.appliedAt)}
        {item.approvedAt ? ` · 通过于 ${formatTime(item.approvedAt)}` : ''}
      </Text>
      {item.parent || item.tier ? (
        <Text className="admin-card__row">
          {item.parent ? `上级 ${item.parent}` : '无上级'}
          {item.tier ? ` · 等级 ${item.tier}` : ''}
        </Text>
      ) : null}
      {item.status === 'APPROVED' ? (
        <>
          <Text className="admin-card__row">
            团队 {item.teamSize} 人 · 个人销售额 {formatFen(item.ownSales)}
          </Text>
          <Text className="admin-card__row">
            待结算 {formatFen(b.pending)} · 余额 {formatFen(b.balance)} · 提现中 {formatFen(b.inFlight)} · 已提现{' '}
            {formatFen(b.withdrawn)}
          </Text>
        </>
      ) : null}
      {item.rejectReason ? <Text className="admin-card__row">驳回原因：{item.rejectReason}</Text> : null}
      {item.status === 'PENDING' ? (
        rejecting ? (
          <RejectForm
            onBack={() => setRejecting(false)}
            onReject={(reason) => void run(() => rejectDistributor(item.userId, reason), '已驳回')}
          />
        ) : (
          <View className="admin-actions">
            <Button className="admin-button admin-distributor__reject" onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button
              className="admin-button admin-button--primary admin-distributor__approve"
              disabled={busy || undefined}
              onClick={() => void run(() => approveDistributor(item.userId), '已通过')}
            >
              通过
            </Button>
          </View>
        )
      ) : null}
    </View>
  );
}

/** 分销员审核: applications waiting for review (通过 / 驳回 with a reason) and the distributors by status. */
export default function AdminDistributorsPage() {
  const [tab, setTab] = useState<Tab>('PENDING');
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged(
    (page) => listAdminDistributors({ status: tab === 'ALL' ? undefined : tab, page }),
    `${tab}|${generation}`,
  );
  useReachBottom(loadMore);
  return (
    <AdminGate>
      <DistributionConsoleTabs active="distributors" />
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text="暂无分销员" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((item) => (
        <DistributorCard key={item.userId} item={item} onChanged={() => setGeneration((g) => g + 1)} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </AdminGate>
  );
}
