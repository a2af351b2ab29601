import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { formatFen, type AdminWithdrawalView, type WithdrawalStatus } from '@weshop/shared';
import { approveWithdrawal, listAdminWithdrawals, rejectWithdrawal } from '../../../api/admin-distribution';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { WITHDRAWAL_STATUS_TEXT } from '../../../utils/distribution';
import { formatTime } from '../../../utils/order-status';
import { AdminGate } from '../components/admin-gate';
import { AdminTabs, DistributionConsoleTabs } from '../components/admin-tabs';
import { RejectForm } from '../components/reject-form';

type Tab = WithdrawalStatus | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'REQUESTED', label: '待审核' },
  { key: 'WAITING_USER_CONFIRM', label: '待收款' },
  { key: 'PAID', label: '已到账' },
  { key: 'FAILED', label: '失败' },
  { key: 'ALL', label: '全部' },
];

function WithdrawalCard({ item, onChanged }: { item: AdminWithdrawalView; onChanged: () => void }) {
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
  return (
    <View className="admin-card admin-withdrawal" data-id={item.id} data-status={item.status}>
      <View className="admin-card__head">
        <Text>单号 {item.outBillNo}</Text>
        <Text className="admin-card__status">{WITHDRAWAL_STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className="admin-card__title">
        {item.distributor.nickname}
        {item.distributor.code ? `（${item.distributor.code}）` : ''} 提现{' '}
        <Text className="admin-withdrawal__amount">{formatFen(item.amount)}</Text>
      </Text>
      <Text className="admin-card__row">
        申请于 {formatTime(item.requestedAt)}
        {item.paidAt ? ` · 到账 ${formatTime(item.paidAt)}` : ''}
      </Text>
      {item.failReason ? <Text className="admin-card__row">{item.failReason}</Text> : null}
      {item.status === 'REQUESTED' ? (
        rejecting ? (
          <RejectForm
            onBack={() => setRejecting(false)}
            onReject={(reason) => void run(() => rejectWithdrawal(item.id, reason), '已驳回')}
          />
        ) : (
          <View className="admin-actions">
            <Button className="admin-button admin-withdrawal__reject" onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button
              className="admin-button admin-button--primary admin-withdrawal__approve"
              disabled={busy || undefined}
              onClick={() => void run(() => approveWithdrawal(item.id), '已同意，开始打款')}
            >
              同意打款
            </Button>
          </View>
        )
      ) : null}
    </View>
  );
}

/** 提现审核: withdrawals by status; 同意 starts the merchant transfer, 驳回 returns the money to the balance. */
export default function AdminWithdrawalsPage() {
  const [tab, setTab] = useState<Tab>('REQUESTED');
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged(
    (page) => listAdminWithdrawals({ status: tab === 'ALL' ? undefined : tab, page }),
    `${tab}|${generation}`,
  );
  useReachBottom(loadMore);
  return (
    <AdminGate>
      <DistributionConsoleTabs active="withdrawals" />
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text="暂无提现" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((item) => (
        <WithdrawalCard key={item.id} item={item} onChanged={() => setGeneration((g) => g + 1)} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </AdminGate>
  );
}
