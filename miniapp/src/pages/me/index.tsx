import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { UserView } from '@weshop/shared';
import { me } from '../../api/auth';
import { session } from '../../stores/session';
import { assetUrl } from '../../config';
import { toAddressList, toAdmin, toOrderList, type OrderListTab } from '../../utils/route';
import { toAdminDistribution, toDistribution } from '../../utils/distribution-route';
import { DISTRIBUTOR_STATUS_TEXT } from '../../utils/distribution';
import { toAdminGroupbuys, toMyGroups } from '../../utils/groupbuy-route';
import { toAdminCommunities, toCommunityList } from '../../utils/community-route';
import { getPointsSummary, listMyCoupons } from '../../api/marketing';
import { toCoupons, toMarketing } from '../../utils/marketing-route';
import { toAdminAnalytics } from '../../utils/analytics-route';
import { toAdminMarketing } from '../../utils/marketing-console-route';
import { usePageView } from '../../hooks/use-page-view';
import './index.scss';

const SHORTCUTS: { tab: OrderListTab; label: string; icon: string }[] = [
  { tab: 'PENDING_PAYMENT', label: '待付款', icon: '¥' },
  { tab: 'TO_SHIP', label: '待发货', icon: '▣' },
  { tab: 'SHIPPED', label: '待收货', icon: '⇆' },
  { tab: 'COMPLETED', label: '已完成', icon: '✓' },
  { tab: 'AFTERSALE', label: '售后', icon: '↺' },
];

/** 我的: who is signed in, 积分 / 优惠券 / 会员 / 签到, order shortcuts by status, 领券中心, 会员日, 我的拼团, 社群, the address book, 分销中心, and 管理后台 (数据看板 first) for admins. */
export default function MePage() {
  usePageView();
  const [user, setUser] = useState<UserView | null>(session.user());
  // 积分 / 优惠券 counts for the marketing strip; a failure only leaves them blank.
  const [points, setPoints] = useState<number | null>(null);
  const [coupons, setCoupons] = useState<number | null>(null);

  useDidShow(() => {
    me()
      .then((u) => {
        session.userRefreshed(u);
        setUser(u);
      })
      .catch(() => undefined);
    getPointsSummary().then(
      (p) => setPoints(p.available),
      () => undefined,
    );
    listMyCoupons({ status: 'AVAILABLE', pageSize: 1 }).then(
      (page) => setCoupons(page.total),
      () => undefined,
    );
  });

  const isAdmin = Boolean(user?.roles.includes('ADMIN'));
  const isCommunityManager = Boolean(user?.roles.includes('COMMUNITY_MANAGER'));
  const distributorStatus = user?.distributor.status ?? 'NONE';

  return (
    <View className="me">
      <View className="me__header">
        {user?.avatarUrl ? (
          <Image className="me__avatar" src={assetUrl(user.avatarUrl)} mode="aspectFill" />
        ) : (
          <View className="me__avatar me__avatar--blank">
            <Text>{user?.nickname.slice(0, 1) ?? ''}</Text>
          </View>
        )}
        <View className="me__who">
          <Text className="me__nickname">{user?.nickname ?? '未登录'}</Text>
          {user ? <Text className="me__level">{user.memberLevel.name}</Text> : null}
        </View>
      </View>

      <View className="me-card me-marketing">
        <View className="me-marketing__item me-marketing-points" onClick={() => toMarketing('points')}>
          <Text className="me-marketing__value">{points ?? '--'}</Text>
          <Text className="me-marketing__label">积分</Text>
        </View>
        <View className="me-marketing__item me-marketing-coupons" onClick={() => toCoupons('AVAILABLE')}>
          <Text className="me-marketing__value">{coupons ?? '--'}</Text>
          <Text className="me-marketing__label">优惠券</Text>
        </View>
        <View className="me-marketing__item me-marketing-member" onClick={() => toMarketing('member')}>
          <Text className="me-marketing__value">{user?.memberLevel.name ?? '--'}</Text>
          <Text className="me-marketing__label">会员</Text>
        </View>
        <View className="me-marketing__item me-marketing-sign-in" onClick={() => toMarketing('sign-in')}>
          <Text className="me-marketing__value">✓</Text>
          <Text className="me-marketing__label">签到</Text>
        </View>
      </View>

      <View className="me-card">
        <View className="me-card__head" onClick={() => toOrderList('ALL')}>
          <Text className="me-card__title">我的订单</Text>
          <Text className="me-card__more">全部订单 ›</Text>
        </View>
        <View className="me-shortcuts">
          {SHORTCUTS.map((s) => (
            <View key={s.tab} className="me-shortcut" data-tab={s.tab} onClick={() => toOrderList(s.tab)}>
              <Text className="me-shortcut__icon">{s.icon}</Text>
              <Text className="me-shortcut__label">{s.label}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className="me-card">
        <View className="me-row me-coupon-center" onClick={() => toCoupons('center')}>
          <Text>领券中心</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-member-day" onClick={() => toMarketing('member-day')}>
          <Text>会员日</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-groupbuys" onClick={() => toMyGroups()}>
          <Text>我的拼团</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-communities" onClick={() => toCommunityList(isCommunityManager ? 'mine' : 'all')}>
          <Text>{isCommunityManager ? '我的社群 · 管理' : '社群 · 发现'}</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-addresses" onClick={() => toAddressList()}>
          <Text>收货地址</Text>
          <Text className="me-row__arrow">›</Text>
        </View>
        <View className="me-row me-distribution" onClick={() => toDistribution('center')}>
          <Text>分销中心</Text>
          <Text className="me-row__arrow">
            {distributorStatus === 'NONE' ? '分享赚佣金' : DISTRIBUTOR_STATUS_TEXT[distributorStatus]} ›
          </Text>
        </View>
        {isAdmin ? (
          <>
            <View className="me-row me-admin-analytics" onClick={() => toAdminAnalytics()}>
              <Text>管理后台 · 数据看板</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin" onClick={() => toAdmin('orders')}>
              <Text>管理后台 · 订单发货</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row" onClick={() => toAdmin('products')}>
              <Text>管理后台 · 商品与库存</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row" onClick={() => toAdmin('aftersales')}>
              <Text>管理后台 · 售后审核</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-distributors" onClick={() => toAdminDistribution('distributors')}>
              <Text>管理后台 · 分销员审核</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-withdrawals" onClick={() => toAdminDistribution('withdrawals')}>
              <Text>管理后台 · 提现审核</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View
              className="me-row me-admin-distribution-settings"
              onClick={() => toAdminDistribution('distribution-settings')}
            >
              <Text>管理后台 · 分销设置</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-groupbuys" onClick={() => toAdminGroupbuys()}>
              <Text>管理后台 · 拼团活动</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-promotions" onClick={() => toAdminMarketing('promotions')}>
              <Text>管理后台 · 营销活动（秒杀 / 满减 / 满赠）</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-coupons" onClick={() => toAdminMarketing('coupons')}>
              <Text>管理后台 · 优惠券</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-members" onClick={() => toAdminMarketing('member-levels')}>
              <Text>管理后台 · 会员等级 / 会员日 / 积分规则</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-points-mall" onClick={() => toAdminMarketing('points-mall')}>
              <Text>管理后台 · 积分商城</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
            <View className="me-row me-admin-communities" onClick={() => toAdminCommunities()}>
              <Text>管理后台 · 社群管理</Text>
              <Text className="me-row__arrow">›</Text>
            </View>
          </>
        ) : null}
      </View>
    </View>
  );
}
