import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { formatFen, type DistributorMe } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { applyDistributor, getDistributorMe } from '../../../api/distribution';
import { Empty } from '../../../components/empty';
import { distributorStore } from '../../../stores/distributor';
import { applicationConditionText, DISTRIBUTOR_STATUS_TEXT, negativeBalanceNote } from '../../../utils/distribution';
import { toDistribution, type DistributionPage } from '../../../utils/distribution-route';
import { askToSubscribe, preloadSubscribeTemplates } from '../../../utils/subscribe';
import { toHome } from './to-home';
import '../components/dist-tabs/index.scss';
import './index.scss';

/** 申请成为分销员: the shop's condition, and the state of an application already made. */
function ApplyCard({ me, busy, onApply }: { me: DistributorMe; busy: boolean; onApply: () => void }) {
  const { application } = me;
  const canApply = me.status !== 'PENDING' && application.open;
  return (
    <View className="dist-card dist-apply" data-status={me.status}>
      <Text className="dist-apply__title">成为分销员</Text>
      <Text className="dist-card__row">分享好物给好友，好友下单后你可获得佣金。申请不收取任何费用。</Text>
      <Text className="dist-card__row dist-apply__condition">{applicationConditionText(application)}</Text>
      {me.status === 'PENDING' ? <Text className="dist-apply__state">申请已提交，等待店铺审核</Text> : null}
      {me.status === 'REJECTED' ? (
        <Text className="dist-apply__state dist-apply__rejected">
          申请未通过{me.rejectReason ? `：${me.rejectReason}` : ''}
        </Text>
      ) : null}
      {me.status !== 'PENDING' ? (
        <Button className="dist-button dist-apply__submit" disabled={!canApply || busy || undefined} onClick={onApply}>
          {me.status === 'REJECTED' ? '重新申请' : '申请成为分销员'}
        </Button>
      ) : null}
      {me.status !== 'PENDING' && !application.open ? (
        <Text className="dist-muted dist-apply__closed">暂未达到申请条件</Text>
      ) : null}
    </View>
  );
}

/** The balances as the server states them; nothing is computed here. */
function Balances({ me }: { me: DistributorMe }) {
  const b = me.balances;
  const note = negativeBalanceNote(b);
  return (
    <View className="dist-balances">
      <View className="dist-balance dist-balance--withdrawable">
        <Text className="dist-balance__label">可提现</Text>
        <Text className="dist-balance__value">{formatFen(b.withdrawable)}</Text>
        <Button className="dist-balance__withdraw" onClick={() => toDistribution('withdraw')}>
          提现
        </Button>
      </View>
      <View className="dist-balance-grid">
        <View className="dist-balance dist-balance--pending">
          <Text className="dist-balance__value">{formatFen(b.pending)}</Text>
          <Text className="dist-balance__label">待结算</Text>
        </View>
        <View className="dist-balance dist-balance--in-flight">
          <Text className="dist-balance__value">{formatFen(b.inFlight)}</Text>
          <Text className="dist-balance__label">提现中</Text>
        </View>
        <View className="dist-balance dist-balance--withdrawn">
          <Text className="dist-balance__value">{formatFen(b.withdrawn)}</Text>
          <Text className="dist-balance__label">已提现</Text>
        </View>
      </View>
      {note ? <Text className="dist-notice dist-negative">{note}</Text> : null}
    </View>
  );
}

const ENTRIES: { page: DistributionPage; label: string; count?: (me: DistributorMe) => string }[] = [
  { page: 'commissions', label: '佣金明细' },
  { page: 'withdraw', label: '提现记录' },
  { page: 'customers', label: '我的客户', count: (me) => `${me.customers} 人` },
  { page: 'team', label: '我的团队', count: (me) => `${me.teamSize} 人` },
];

/** 分销中心: apply (with the shop's condition) or, once approved, the code, tier, balances and the other pages. */
export default function DistributionCenterPage() {
  const [me, setMe] = useState<DistributorMe | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    getDistributorMe()
      .then((m) => {
        distributorStore.set(m);
        setMe(m);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));

  useDidShow(() => {
    void preloadSubscribeTemplates();
    void load();
  });

  /** 佣金到账 / 提现到账 messages: asked inside the tap. */
  const remindMe = () =>
    void askToSubscribe('DISTRIBUTOR_CENTER').then(() => Taro.showToast({ title: '已设置提醒', icon: 'none' }));

  const apply = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const m = await applyDistributor();
      distributorStore.set(m);
      setMe(m);
      void Taro.showToast({ title: m.status === 'APPROVED' ? '已成为分销员' : '已提交申请', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (error && !me) return <Empty text={error} />;
  if (!me) return <View className="dist-loading">加载中…</View>;

  const approved = me.status === 'APPROVED';
  return (
    <View className="dist-page dist-center" data-status={me.status}>
      <View className="dist-hero">
        <View className="dist-hero__row">
          <Text className="dist-hero__title">分销中心</Text>
          <Text className="dist-status" data-status={me.status}>
            {DISTRIBUTOR_STATUS_TEXT[me.status]}
          </Text>
        </View>
        {approved ? (
          <View className="dist-hero__row">
            <Text className="dist-code">推荐码 {me.code}</Text>
            {me.tier ? <Text className="dist-tier">{me.tier.name}</Text> : null}
          </View>
        ) : null}
        {approved && me.parent ? <Text className="dist-hero__sub">上级 {me.parent.nickname}</Text> : null}
        {!approved && me.boundTo ? <Text className="dist-hero__sub">我的推荐人 {me.boundTo.nickname}</Text> : null}
      </View>

      {approved ? (
        <>
          <Balances me={me} />
          <View className="dist-card dist-entries">
            {ENTRIES.map((e) => (
              <View key={e.page} className="dist-entry" data-page={e.page} onClick={() => toDistribution(e.page)}>
                <Text>{e.label}</Text>
                <Text className="dist-entry__more">{e.count ? e.count(me) : ''} ›</Text>
              </View>
            ))}
            <View className="dist-entry" data-page="promote" onClick={toHome}>
              <Text>推广商品</Text>
              <Text className="dist-entry__more">在商品页点「分享赚」生成海报 ›</Text>
            </View>
            <View className="dist-entry" data-page="notify" onClick={remindMe}>
              <Text>到账提醒</Text>
              <Text className="dist-entry__more">佣金结算、提现到账时微信通知我 ›</Text>
            </View>
          </View>
          <Text className="dist-rules">
            单笔最低提现 {formatFen(me.withdrawal.minAmount)}，每日最多 {formatFen(me.withdrawal.dailyCap)}
            {me.withdrawal.reviewRequired ? '，提现需店铺审核' : ''}。佣金在售后期结束后结算。
          </Text>
        </>
      ) : (
        <ApplyCard me={me} busy={busy} onApply={() => void apply()} />
      )}
    </View>
  );
}
