import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import type { CouponTemplateAdminView } from '@weshop/shared';
import { listCouponTemplates, updateCouponTemplate } from '../../../api/admin-marketing';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { formatDate } from '../../../utils/marketing';
import { AdminGate } from '../components/admin-gate';
import { AdminTabs, MarketingConsoleTabs } from '../components/admin-tabs';
import { CouponEditForm, CouponFormCard } from './components/coupon-form';
import { COUPON_CHANNEL_TEXT, COUPON_KIND_TEXT, couponValidityText } from './coupon-form';
import './index.scss';

type Tab = CouponTemplateAdminView['status'] | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'ACTIVE', label: '发放中' },
  { key: 'DISABLED', label: '已停用' },
  { key: 'ALL', label: '全部' },
];

function Stat({ kind, label, value }: { kind: string; label: string; value: string }) {
  return (
    <View className={`admin-coupon__stat admin-coupon__stat--${kind}`}>
      <Text className="admin-coupon__value">{value}</Text>
      <Text className="admin-coupon__label">{label}</Text>
    </View>
  );
}

/** One template: its terms, issued / total with a bar, used; 编辑 and 停用 / 启用. */
function TemplateCard({ item, onChanged }: { item: CouponTemplateAdminView; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const setStatus = async (status: 'ACTIVE' | 'DISABLED') => {
    if (status === 'DISABLED') {
      const { confirm } = await Taro.showModal({
        title: '停用优惠券',
        content: `停用后不能再领取，已领的券仍可使用。确定停用「${item.name}」吗？`,
      });
      if (!confirm) return;
    }
    if (busy) return;
    setBusy(true);
    try {
      await updateCouponTemplate(item.id, { status });
      void Taro.showToast({ title: status === 'DISABLED' ? '已停用' : '已启用', icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const share = item.totalQuantity > 0 ? Math.min(100, Math.floor((item.issued * 100) / item.totalQuantity)) : 0;
  return (
    <View className="admin-card admin-coupon" data-id={item.id} data-status={item.status}>
      <View className="admin-card__head">
        <Text>
          {COUPON_KIND_TEXT[item.kind]} · {COUPON_CHANNEL_TEXT[item.channel]}
          {item.communityId ? ` ${item.communityId}` : ''}
        </Text>
        <Text className="admin-card__status">{item.status === 'ACTIVE' ? '发放中' : '已停用'}</Text>
      </View>
      <Text className="admin-card__title admin-coupon__title">
        {item.title} · {item.name}
      </Text>
      <Text className="admin-card__row">{couponValidityText(item, formatDate)}</Text>
      <Text className="admin-card__row">
        每人限领 {item.perUserLimit} 张 · {item.stackWithPromotions ? '可与促销同享' : '不与促销同享'}
        {item.scope !== 'ALL' ? ` · ${item.scope === 'CATEGORIES' ? '分类' : '商品'} ${item.scopeIds.join('、')}` : ''}
      </Text>
      <View className="admin-coupon__stats">
        <Stat kind="issued" label="已领取" value={`${item.issued}/${item.totalQuantity}`} />
        <Stat kind="used" label="已使用" value={String(item.used)} />
        <Stat kind="left" label="剩余" value={String(Math.max(0, item.totalQuantity - item.issued))} />
      </View>
      <View className="admin-coupon__bar">
        <View className="admin-coupon__bar-fill" style={{ width: `${share}%` }} />
      </View>
      {editing ? (
        <CouponEditForm
          template={item}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <View className="admin-actions">
          <Button className="admin-button admin-coupon__edit" onClick={() => setEditing(true)}>
            编辑
          </Button>
          {item.status === 'ACTIVE' ? (
            <Button
              className="admin-button admin-coupon__disable"
              disabled={busy || undefined}
              onClick={() => void setStatus('DISABLED')}
            >
              停用
            </Button>
          ) : (
            <Button
              className="admin-button admin-coupon__enable"
              disabled={busy || undefined}
              onClick={() => void setStatus('ACTIVE')}
            >
              启用
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

/** 优惠券: the shop's templates by status with issued / total, 新建, 编辑 and 停用. */
export default function AdminCouponsPage() {
  const [tab, setTab] = useState<Tab>('ACTIVE');
  const [creating, setCreating] = useState(false);
  const [generation, setGeneration] = useState(0);
  const paged = usePaged(
    (page) => listCouponTemplates({ status: tab === 'ALL' ? undefined : tab, page }),
    `${tab}|${generation}`,
  );
  useReachBottom(paged.loadMore);
  const reload = () => setGeneration((g) => g + 1);

  return (
    <AdminGate>
      <MarketingConsoleTabs active="coupons" />
      {creating ? (
        <CouponFormCard
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setTab('ACTIVE');
            reload();
          }}
        />
      ) : (
        <View className="admin-actions console-new">
          <Button className="admin-button admin-button--primary admin-coupon__create" onClick={() => setCreating(true)}>
            新建优惠券
          </Button>
        </View>
      )}
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {paged.status === 'done' && paged.items.length === 0 ? <Empty text="暂无优惠券" /> : null}
      {paged.status === 'error' && paged.items.length === 0 ? <Empty text={paged.error ?? '加载失败'} /> : null}
      {paged.items.map((item) => (
        <TemplateCard key={item.id} item={item} onChanged={reload} />
      ))}
      {paged.items.length > 0 ? (
        <LoadMore status={paged.status} error={paged.error} onLoadMore={paged.loadMore} />
      ) : null}
    </AdminGate>
  );
}
