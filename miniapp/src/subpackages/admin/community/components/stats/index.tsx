import { useEffect, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen, POST_STATUSES, type CommunityStatsWithAnalytics } from '@weshop/shared';
import { getCommunityAnalytics } from '../../../../../api/analytics';
import { errorMessage } from '../../../../../api/client';
import { Empty } from '../../../../../components/empty';
import { POST_STATUS_TEXT } from '../../../../../utils/community';
import { formatTime } from '../../../../../utils/order-status';
import {
  basisText,
  communityKpis,
  groupText,
  percentText,
  presetPeriod,
  shopToday,
  changeOf,
  type Period,
  type PeriodPreset,
} from '../../../analytics/dashboard';
import { AnalyticsCard } from '../../../analytics/components/analytics-card';
import { BarList } from '../../../analytics/components/bar-list';
import { KpiGrid } from '../../../analytics/components/kpi-card';
import { PeriodPicker } from '../../../analytics/components/period-picker';
import { TrendChart } from '../../../analytics/components/trend-chart';
import './index.scss';

function Figure({ label, value, kind }: { label: string; value: number; kind: string }) {
  return (
    <View className={`community-stat community-stat--${kind}`}>
      <Text className="community-stat__value">{value}</Text>
      <Text className="community-stat__label">{label}</Text>
    </View>
  );
}

/**
 * 数据: this community's figures only (the server scopes them to the community): the period's cards
 * against the previous period, the daily trend, its WeChat groups and posts by the orders they
 * brought; then members, posts by status, reactions, reports and the WeChat groups seen.
 */
export function Stats({ communityId }: { communityId: string }) {
  const today = useMemo(() => shopToday(new Date()), []);
  const [preset, setPreset] = useState<PeriodPreset>('7d');
  const [period, setPeriod] = useState<Period>(() => presetPeriod('7d', today));
  const [stats, setStats] = useState<CommunityStatsWithAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The figures of the previous period stay up until the new ones come.
  useEffect(() => {
    let live = true;
    setError(null);
    getCommunityAnalytics(communityId, period)
      .then((s) => live && setStats(s))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [communityId, period]);

  const choose = (nextPreset: PeriodPreset, next: Period) => {
    setPreset(nextPreset);
    if (next.from !== period.from || next.to !== period.to) setPeriod(next);
  };

  const picker = <PeriodPicker preset={preset} period={period} today={today} onChange={choose} />;
  if (error)
    return (
      <View className="community-stats">
        {picker}
        <Empty text={error} />
      </View>
    );
  if (!stats)
    return (
      <View className="community-stats">
        {picker}
        <View className="admin-loading">加载中…</View>
      </View>
    );
  const { analytics } = stats;
  return (
    <View className="community-stats">
      {picker}
      <View className="community-stats__figures" data-from={analytics.period.from} data-to={analytics.period.to}>
        <Text className="community-stats__period">
          {analytics.period.from} 至 {analytics.period.to} · 对比 {analytics.period.previousFrom} 至{' '}
          {analytics.period.previousTo}
        </Text>
        <KpiGrid kpis={communityKpis(analytics.current, analytics.previous)} />
        <AnalyticsCard title="趋势" className="community-stats__trend">
          <TrendChart
            dates={analytics.trend.map((p) => p.date)}
            series={[
              {
                key: 'gmv',
                label: '成交额',
                color: '#e93b3d',
                values: analytics.trend.map((p) => p.gmv),
                format: formatFen,
              },
              { key: 'uv', label: '访客', color: '#3c7cf6', values: analytics.trend.map((p) => p.uv), format: String },
            ]}
          />
        </AnalyticsCard>
        <AnalyticsCard title="微信群" className="community-stats__groups">
          <BarList
            kind="groups"
            empty="这段时间没有从微信群来的访客"
            rows={analytics.groups.map((g) => ({
              key: g.opengid,
              label: groupText(g.opengid),
              value: g.gmv,
              valueText: formatFen(g.gmv),
              detail: `访客 ${g.visitors} · 支付 ${g.payers} 人 · 转化 ${percentText(g.conversion)}`,
              change: changeOf(g.gmv, g.previousGmv),
            }))}
          />
        </AnalyticsCard>
        <AnalyticsCard title="内容带货" className="community-stats__posts">
          <BarList
            kind="posts"
            empty="这段时间帖子还没有带来订单"
            rows={analytics.posts.map((p) => ({
              key: p.postId,
              label: p.title || `帖子 ${p.postId}`,
              value: p.gmv,
              valueText: formatFen(p.gmv),
              detail: `阅读 ${p.views} · 支付 ${p.payers} 人 · 转化 ${percentText(p.conversion)}`,
              change: changeOf(p.gmv, p.previousGmv),
            }))}
          />
        </AnalyticsCard>
        <Text className="community-stats__basis">{basisText(analytics.period.basis)}</Text>
      </View>
      <View className="admin-card">
        <Text className="admin-card__title">成员与互动</Text>
        <View className="community-stats__grid">
          <Figure kind="members" label="成员" value={stats.members} />
          <Figure kind="managers" label="主理人" value={stats.managers} />
          <Figure kind="views" label="浏览" value={stats.views} />
          <Figure kind="likes" label="点赞" value={stats.likes} />
          <Figure kind="favourites" label="收藏" value={stats.favourites} />
          <Figure kind="comments" label="评论" value={stats.comments} />
          <Figure kind="reports" label="举报" value={stats.reports} />
        </View>
      </View>
      <View className="admin-card">
        <Text className="admin-card__title">帖子</Text>
        <View className="community-stats__grid">
          {POST_STATUSES.map((s) => (
            <Figure key={s} kind={`posts-${s.toLowerCase()}`} label={POST_STATUS_TEXT[s]} value={stats.posts[s] ?? 0} />
          ))}
        </View>
      </View>
      <View className="admin-card">
        <Text className="admin-card__title">关联微信群 {stats.wechatGroups.length}</Text>
        {stats.wechatGroups.length === 0 ? (
          <Text className="admin-card__row">成员从群聊卡片进入后，这里会列出对应的微信群</Text>
        ) : null}
        {stats.wechatGroups.map((g) => (
          <Text key={g.opengid} className="admin-card__row community-stats__group">
            群 …{g.opengid.slice(-6)} · {g.members} 位成员 · 最近 {formatTime(g.lastSeenAt)}
          </Text>
        ))}
      </View>
    </View>
  );
}
