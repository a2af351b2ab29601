import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import { PROMOTION_TYPES, type PromotionType, type PromotionView } from '@weshop/shared';
import { disablePromotion, listPromotions } from '../../../api/admin-marketing';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { formatTime } from '../../../utils/order-status';
import { AdminGate } from '../components/admin-gate';
import { AdminTabs, MarketingConsoleTabs } from '../components/admin-tabs';
import { Chips } from '../components/console-form';
import { PromotionFormCard } from './components/promotion-form';
import { promotionEditMode } from './promotion-edit';
import { PROMOTION_TYPE_TEXT, promotionPhaseText, promotionRuleText } from './promotion-form';
import './index.scss';

type StatusTab = PromotionView['status'] | 'ALL';
const STATUS_TABS: { key: StatusTab; label: string }[] = [
  { key: 'ACTIVE', label: '启用中' },
  { key: 'DISABLED', label: '已停用' },
  { key: 'ALL', label: '全部' },
];
type TypeFilter = PromotionType | 'ALL';
const TYPE_FILTERS: { key: TypeFilter; label: string }[] = [
  { key: 'ALL', label: '全部类型' },
  ...PROMOTION_TYPES.map((t) => ({ key: t, label: PROMOTION_TYPE_TEXT[t] })),
];

function PromotionCard({
  item,
  onChanged,
  onEdit,
}: {
  item: PromotionView;
  onChanged: () => void;
  onEdit: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const disable = async () => {
    const { confirm } = await Taro.showModal({ title: '停用活动', content: `确定停用「${item.title}」吗？` });
    if (!confirm || busy) return;
    setBusy(true);
    try {
      await disablePromotion(item.id);
      void Taro.showToast({ title: '已停用', icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const flags = [
    item.memberDayOnly ? '仅会员日' : null,
    item.stackWithCoupon ? null : '不与优惠券同享',
    item.earnsPoints ? null : '不送积分',
    item.earnsCommission === false ? '不计佣' : null,
  ].filter((f): f is string => f !== null);
  return (
    <View className="admin-card admin-promotion" data-id={item.id} data-type={item.type} data-status={item.status}>
      <View className="admin-card__head">
        <Text>
          {PROMOTION_TYPE_TEXT[item.type]} · 活动 {item.id}
        </Text>
        <Text className="admin-card__status">{promotionPhaseText(item, Date.now())}</Text>
      </View>
      <Text className="admin-card__title admin-promotion__title">{item.title}</Text>
      <Text className="admin-card__row">
        {formatTime(item.startsAt)} 至 {formatTime(item.endsAt)}
      </Text>
      <Text className="admin-promotion__rule">{promotionRuleText(item)}</Text>
      {flags.length ? (
        <View className="admin-promotion__flags">
          {flags.map((f) => (
            <Text key={f} className="console-tag">
              {f}
            </Text>
          ))}
        </View>
      ) : null}
      {item.status === 'ACTIVE' ? (
        <View className="admin-actions">
          {promotionEditMode(item, Date.now()) ? (
            <Button className="admin-button admin-promotion__edit" onClick={onEdit}>
              编辑
            </Button>
          ) : null}
          <Button
            className="admin-button admin-promotion__disable"
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

/** 营销活动: promotions by status and type, 新建 (a form per type), 编辑 (in place of its card) and 停用. */
export default function AdminPromotionsPage() {
  const [status, setStatus] = useState<StatusTab>('ACTIVE');
  const [type, setType] = useState<TypeFilter>('ALL');
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const paged = usePaged(
    (page) =>
      listPromotions({ status: status === 'ALL' ? undefined : status, type: type === 'ALL' ? undefined : type, page }),
    `${status}|${type}|${generation}`,
  );
  useReachBottom(paged.loadMore);
  const reload = () => setGeneration((g) => g + 1);

  return (
    <AdminGate>
      <MarketingConsoleTabs active="promotions" />
      {creating ? (
        <PromotionFormCard
          onCancel={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            setStatus('ACTIVE');
            reload();
          }}
        />
      ) : (
        <View className="admin-actions console-new">
          <Button
            className="admin-button admin-button--primary admin-promotion__create"
            onClick={() => setCreating(true)}
          >
            新建营销活动
          </Button>
        </View>
      )}
      <AdminTabs tabs={STATUS_TABS} active={status} onChange={setStatus} />
      <View className="promotion-filter">
        <Chips options={TYPE_FILTERS} value={type} onChange={setType} />
      </View>
      {paged.status === 'done' && paged.items.length === 0 ? <Empty text="暂无营销活动" /> : null}
      {paged.status === 'error' && paged.items.length === 0 ? <Empty text={paged.error ?? '加载失败'} /> : null}
      {paged.items.map((item) =>
        item.id === editingId ? (
          <PromotionFormCard
            key={`edit-${item.id}`}
            editing={item}
            onCancel={() => setEditingId(null)}
            onSaved={() => {
              setEditingId(null);
              reload();
            }}
          />
        ) : (
          <PromotionCard key={item.id} item={item} onChanged={reload} onEdit={() => setEditingId(item.id)} />
        ),
      )}
      {paged.items.length > 0 ? (
        <LoadMore status={paged.status} error={paged.error} onLoadMore={paged.loadMore} />
      ) : null}
    </AdminGate>
  );
}
