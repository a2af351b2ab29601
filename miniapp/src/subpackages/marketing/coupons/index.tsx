import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { UserCouponStatus, type CouponCenter, type CouponCenterItem, type UserCouponView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { claimCoupon, getCouponCenter, listMyCoupons } from '../../../api/marketing';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { USER_COUPON_STATUS_TEXT, couponReasonText, formatDate, validityText } from '../../../utils/marketing';
import '../components/marketing.scss';
import './index.scss';

type Tab = 'center' | UserCouponStatus;
const TABS: { key: Tab; label: string }[] = [
  { key: 'center', label: '领券中心' },
  { key: 'AVAILABLE', label: USER_COUPON_STATUS_TEXT.AVAILABLE },
  { key: 'LOCKED', label: USER_COUPON_STATUS_TEXT.LOCKED },
  { key: 'USED', label: USER_COUPON_STATUS_TEXT.USED },
  { key: 'EXPIRED', label: USER_COUPON_STATUS_TEXT.EXPIRED },
];

/** A template's validity as the centre shows it: fixed dates or N days after claiming. */
function templateValidity(item: CouponCenterItem): string {
  if (item.validity === 'DAYS') return `领取后 ${item.validDays ?? 0} 天内有效`;
  return item.validFrom && item.validTo ? validityText(item.validFrom, item.validTo) : '';
}

function CenterCard({ item, busy, onClaim }: { item: CouponCenterItem; busy: boolean; onClaim: () => void }) {
  return (
    <View className={`coupon-card ${item.claimable ? '' : 'coupon-card--off'}`} data-template={item.id}>
      <View className="coupon-card__main">
        <Text className="coupon-card__title">{item.title}</Text>
        <Text className="coupon-card__name">{item.name}</Text>
        <Text className="coupon-card__sub">{templateValidity(item)}</Text>
        <Text className="coupon-card__sub">
          {item.channel === 'MEMBER_DAY' ? '会员日专享 · ' : item.channel === 'NEW_CUSTOMER' ? '新客专享 · ' : ''}
          剩余 {item.remaining} 张{item.claimedByMe > 0 ? ` · 已领 ${item.claimedByMe} 张` : ''}
        </Text>
      </View>
      <View className="coupon-card__side">
        {item.claimable ? (
          <Button className="coupon-card__claim" disabled={busy || undefined} onClick={onClaim}>
            {busy ? '领取中' : '领取'}
          </Button>
        ) : (
          <Text className="coupon-card__reason">{couponReasonText(item.reason, item.reasonText)}</Text>
        )}
      </View>
    </View>
  );
}

function MineCard({ coupon }: { coupon: UserCouponView }) {
  return (
    <View
      className={`coupon-card ${coupon.status === 'AVAILABLE' ? '' : 'coupon-card--off'}`}
      data-id={coupon.id}
      data-status={coupon.status}
    >
      <View className="coupon-card__main">
        <Text className="coupon-card__title">{coupon.title}</Text>
        <Text className="coupon-card__name">{coupon.name}</Text>
        <Text className="coupon-card__sub">{validityText(coupon.validFrom, coupon.validTo)}</Text>
        {coupon.usedAt ? <Text className="coupon-card__sub">使用于 {formatDate(coupon.usedAt)}</Text> : null}
      </View>
      <View className="coupon-card__side">
        <Text className="coupon-card__status">{USER_COUPON_STATUS_TEXT[coupon.status]}</Text>
      </View>
    </View>
  );
}

function Center() {
  const [center, setCenter] = useState<CouponCenter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [claiming, setClaiming] = useState<string | null>(null);

  const load = () =>
    getCouponCenter()
      .then((c) => {
        setCenter(c);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  useEffect(() => void load(), []);

  const claim = async (item: CouponCenterItem) => {
    if (claiming) return;
    setClaiming(item.id);
    try {
      await claimCoupon(item.id);
      void Taro.showToast({ title: '领取成功', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setClaiming(null);
      await load();
    }
  };

  if (error && !center) return <Empty text={error} />;
  if (!center) return null;
  return (
    <View className="coupon-center">
      {center.memberDay ? <View className="coupon-center__banner">今天是会员日，专享券限时领取</View> : null}
      {center.items.length === 0 ? <Empty text="暂无可领取的优惠券" /> : null}
      {center.items.map((item) => (
        <CenterCard key={item.id} item={item} busy={claiming === item.id} onClaim={() => void claim(item)} />
      ))}
    </View>
  );
}

function Mine({ status, generation }: { status: UserCouponStatus; generation: number }) {
  const paged = usePaged((page) => listMyCoupons({ status, page }), `${status}|${generation}`);
  useReachBottom(paged.loadMore);
  return (
    <View className="coupon-mine">
      {paged.status === 'done' && paged.items.length === 0 ? <Empty text="暂无优惠券" /> : null}
      {paged.status === 'error' && paged.items.length === 0 ? <Empty text={paged.error ?? '加载失败'} /> : null}
      {paged.items.map((c) => (
        <MineCard key={c.id} coupon={c} />
      ))}
      {paged.items.length > 0 ? (
        <LoadMore status={paged.status} error={paged.error} onLoadMore={paged.loadMore} />
      ) : null}
    </View>
  );
}

/** 领券中心 (claim) and 我的优惠券 by status. Query `tab` picks the first tab: `center` or a coupon status. */
export default function CouponsPage() {
  const query = useRouter().params.tab;
  const [tab, setTab] = useState<Tab>(UserCouponStatus.safeParse(query).success ? (query as Tab) : 'center');
  const [generation, setGeneration] = useState(0);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setGeneration((g) => g + 1);
    shown.current = true;
  });

  return (
    <View className="mk coupons">
      <View className="mk-tabs">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`mk-tab ${tab === t.key ? 'mk-tab--active' : ''}`}
            data-tab={t.key}
            onClick={() => setTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {tab === 'center' ? <Center key={generation} /> : <Mine status={tab} generation={generation} />}
    </View>
  );
}
