import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { formatFen, type DistributorMe, type WithdrawalView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getDistributorMe, listWithdrawals } from '../../../api/distribution';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { distributorStore } from '../../../stores/distributor';
import { negativeBalanceNote, WITHDRAWAL_STATUS_TEXT } from '../../../utils/distribution';
import { formatTime } from '../../../utils/order-status';
import { askToSubscribe, preloadSubscribeTemplates } from '../../../utils/subscribe';
import { WithdrawForm } from './components/withdraw-form';
import { useWithdrawal } from './use-withdrawal';
import { PHASE_TEXT, withdrawalPhase } from './withdrawal-rules';
import '../components/dist-tabs/index.scss';
import './index.scss';

/** The withdrawal just made, as the server reports it while it is being paid. */
function Progress({ w }: { w: WithdrawalView }) {
  const phase = withdrawalPhase(w);
  return (
    <View className={`dist-card withdraw-progress withdraw-progress--${phase}`} data-status={w.status}>
      <View className="dist-card__head">
        <Text>本次提现</Text>
        <Text className="dist-card__status withdraw-progress__status">{WITHDRAWAL_STATUS_TEXT[w.status]}</Text>
      </View>
      <Text className="withdraw-progress__amount">{formatFen(w.amount)}</Text>
      <Text className="withdraw-progress__text">
        {w.failReason && phase === 'failed' ? w.failReason : PHASE_TEXT[phase]}
      </Text>
    </View>
  );
}

function WithdrawalRow({ w, onConfirm }: { w: WithdrawalView; onConfirm: (id: string) => void }) {
  return (
    <View className="dist-card withdrawal" data-id={w.id} data-status={w.status}>
      <View className="dist-card__head">
        <Text>{formatTime(w.requestedAt)}</Text>
        <Text className="dist-card__status withdrawal__status">{WITHDRAWAL_STATUS_TEXT[w.status]}</Text>
      </View>
      <View className="dist-card__foot">
        <Text className="dist-muted">{w.paidAt ? `到账 ${formatTime(w.paidAt)}` : `单号 ${w.outBillNo}`}</Text>
        <Text className="dist-amount withdrawal__amount">{formatFen(w.amount)}</Text>
      </View>
      {w.failReason ? <Text className="dist-card__row withdrawal__reason">{w.failReason}</Text> : null}
      {w.status === 'WAITING_USER_CONFIRM' ? (
        <Button className="dist-button dist-button--ghost withdrawal__confirm" onClick={() => onConfirm(w.id)}>
          确认收款
        </Button>
      ) : null}
    </View>
  );
}

/** 提现: the amount (min / daily cap / withdrawable from the server), the confirm step, and 提现记录. */
export default function WithdrawPage() {
  const [me, setMe] = useState<DistributorMe | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  const loadMe = () =>
    getDistributorMe()
      .then((m) => {
        distributorStore.set(m);
        setMe(m);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));

  useDidShow(() => {
    void preloadSubscribeTemplates();
    void loadMe();
  });
  const flow = useWithdrawal(() => {
    void loadMe();
    setGeneration((g) => g + 1);
  });
  const list = usePaged((page) => listWithdrawals(page), String(generation));
  useReachBottom(list.loadMore);

  if (error && !me) return <Empty text={error} />;
  if (!me) return <View className="dist-loading">加载中…</View>;
  if (me.status !== 'APPROVED') return <Empty text="成为分销员后才能提现" />;

  const note = negativeBalanceNote(me.balances);
  return (
    <View className="dist-page withdraw">
      <WithdrawForm
        // A new withdrawal starts from an empty amount.
        key={flow.current?.id ?? 'new'}
        rules={{
          withdrawable: me.balances.withdrawable,
          minAmount: me.withdrawal.minAmount,
          dailyCap: me.withdrawal.dailyCap,
        }}
        reviewRequired={me.withdrawal.reviewRequired}
        busy={flow.busy}
        onSubmit={(amount) => void askToSubscribe('WITHDRAW').then(() => flow.submit(amount))}
      />
      {note ? <Text className="dist-notice">{note}</Text> : null}
      {flow.current ? <Progress w={flow.current} /> : null}

      <Text className="withdraw-list__title">提现记录</Text>
      {list.status === 'done' && list.items.length === 0 ? <Empty text="暂无提现记录" /> : null}
      {list.items.map((w) => (
        <WithdrawalRow key={w.id} w={w} onConfirm={(id) => void flow.resume(id)} />
      ))}
      {list.items.length > 0 ? <LoadMore status={list.status} error={list.error} onLoadMore={list.loadMore} /> : null}
      {flow.sheet}
    </View>
  );
}
