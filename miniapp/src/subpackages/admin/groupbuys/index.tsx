import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { formatFen, type CampaignResultView } from '@weshop/shared';
import { disableCampaign, listAdminCampaigns } from '../../../api/admin-groupbuy';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { successRateText } from '../../../utils/groupbuy';
import { formatTime } from '../../../utils/order-status';
import { AdminGate } from '../components/admin-gate';
import { AdminTabs, MarketingConsoleTabs } from '../components/admin-tabs';
import { CampaignFormCard } from './components/campaign-form';
import './index.scss';

type Tab = CampaignResultView['status'] | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'ACTIVE', label: '进行中' },
  { key: 'DISABLED', label: '已停用' },
  { key: 'ALL', label: '全部' },
];

const CAMPAIGN_STATUS_TEXT: Record<CampaignResultView['status'], string> = { ACTIVE: '进行中', DISABLED: '已停用' };

function Stat({ label, value, kind }: { label: string; value: string; kind: string }) {
  return (
    <View className={`campaign-stat campaign-stat--${kind}`}>
      <Text className="campaign-stat__value">{value}</Text>
      <Text className="campaign-stat__label">{label}</Text>
    </View>
  );
}

/** One campaign and its results: groups by outcome, 成团率, quota used, paid orders and GMV (the server's figures). */
function CampaignCard({ item, onChanged }: { item: CampaignResultView; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const disable = async () => {
    const { confirm } = await Taro.showModal({ title: '停用活动', content: `确定停用「${item.title}」吗？` });
    if (!confirm || busy) return;
    setBusy(true);
    try {
      await disableCampaign(item.id);
      void Taro.showToast({ title: '已停用', icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="admin-card admin-campaign" data-id={item.id} data-status={item.status}>
      <View className="admin-card__head">
        <Text>
          活动 {item.id} · 商品 {item.productId}
          {item.communityId ? ` · 社群 ${item.communityId} 专享` : ''}
        </Text>
        <Text className="admin-card__status">{CAMPAIGN_STATUS_TEXT[item.status]}</Text>
      </View>
      <Text className="admin-card__title admin-campaign__title">
        {item.title} · {item.groupSize}人团
      </Text>
      <Text className="admin-card__row">
        {formatTime(item.startsAt)} 至 {formatTime(item.endsAt)}
      </Text>
      <View className="campaign-stats">
        <Stat kind="succeeded" label="已成团" value={String(item.groups.succeeded)} />
        <Stat kind="forming" label="拼团中" value={String(item.groups.forming)} />
        <Stat kind="failed" label="未成团" value={String(item.groups.failed)} />
        <Stat kind="rate" label="成团率" value={successRateText(item.successRateBp)} />
      </View>
      <View className="campaign-stats">
        <Stat kind="quota" label="名额已用" value={`${item.quotaUsed}/${item.quota}`} />
        <Stat kind="orders" label="付款订单" value={String(item.paidOrders)} />
        <Stat kind="gmv" label="成交额" value={formatFen(item.gmv)} />
      </View>
      {item.status === 'ACTIVE' ? (
        <View className="admin-actions">
          <Button
            className="admin-button admin-campaign__disable"
            disabled={busy || undefined}
            onClick={() => void disable()}
          >
            停用
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 拼团活动: campaigns by status with their results, 新建 (every field of the contract) and 停用. */
export default function AdminGroupbuysPage() {
  const [tab, setTab] = useState<Tab>('ACTIVE');
  const [creating, setCreating] = useState(false);
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged(
    (page) => listAdminCampaigns({ status: tab === 'ALL' ? undefined : tab, page }),
    `${tab}|${generation}`,
  );
  useReachBottom(loadMore);
  const reload = () => setGeneration((g) => g + 1);

  return (
    <AdminGate>
      <MarketingConsoleTabs active="groupbuys" />
      {creating ? (
        <CampaignFormCard
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setTab('ACTIVE');
            reload();
          }}
        />
      ) : (
        <View className="admin-actions admin-campaigns__new">
          <Button
            className="admin-button admin-button--primary admin-campaign__create"
            onClick={() => setCreating(true)}
          >
            新建拼团活动
          </Button>
        </View>
      )}
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text="暂无拼团活动" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((item) => (
        <CampaignCard key={item.id} item={item} onChanged={reload} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </AdminGate>
  );
}
