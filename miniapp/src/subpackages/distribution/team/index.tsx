import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { useReachBottom } from '@tarojs/taro';
import { formatFen, type Leaderboard, type LeaderboardQuery, type TeamView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getLeaderboard, getTeam } from '../../../api/distribution';
import { assetUrl } from '../../../config';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { formatTime } from '../../../utils/order-status';
import { DistTabs } from '../components/dist-tabs';
import './index.scss';

type Period = LeaderboardQuery['period'];
const PERIODS: { key: Period; label: string }[] = [
  { key: 'week', label: '本周' },
  { key: 'month', label: '本月' },
  { key: 'all', label: '总榜' },
];

function Avatar({ url, name }: { url: string; name: string }) {
  return url ? (
    <Image className="team-avatar" src={assetUrl(url)} mode="aspectFill" />
  ) : (
    <View className="team-avatar team-avatar--blank">
      <Text>{name.slice(0, 1)}</Text>
    </View>
  );
}

/** 排行榜 by own sales (the server ranks; the viewer's row is marked). */
function LeaderboardCard() {
  const [period, setPeriod] = useState<Period>('month');
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    setBoard(null);
    getLeaderboard(period)
      .then((b) => {
        if (stale) return;
        setBoard(b);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!stale) setError(errorMessage(e));
      });
    return () => {
      stale = true;
    };
  }, [period]);
  return (
    <View className="dist-card leaderboard">
      <Text className="team-section__title">销售排行榜</Text>
      <DistTabs tabs={PERIODS} active={period} onChange={setPeriod} className="leaderboard__tabs" />
      {error ? <Text className="dist-muted">{error}</Text> : null}
      {!board && !error ? <Text className="dist-muted">加载中…</Text> : null}
      {board && board.items.length === 0 ? <Text className="dist-muted">暂无数据</Text> : null}
      {board?.items.map((row) => (
        <View
          key={`${row.rank}-${row.nickname}`}
          className={`leaderboard__row ${row.isMe ? 'leaderboard__row--me' : ''}`}
          data-rank={row.rank}
        >
          <Text className={`leaderboard__rank leaderboard__rank--${Math.min(row.rank, 4)}`}>{row.rank}</Text>
          <Avatar url={row.avatarUrl} name={row.nickname} />
          <Text className="leaderboard__name">
            {row.nickname}
            {row.isMe ? '（我）' : ''}
          </Text>
          <Text className="leaderboard__sales">{formatFen(row.sales)}</Text>
        </View>
      ))}
    </View>
  );
}

/** 我的团队: team size, direct sub-distributors, team sales, and the leaderboard. */
export default function TeamPage() {
  const [summary, setSummary] = useState<Omit<TeamView, 'directs'> | null>(null);
  const { items, status, error, loadMore } = usePaged(
    (page) =>
      getTeam(page).then((team) => {
        setSummary({
          teamSize: team.teamSize,
          directCount: team.directCount,
          teamSales: team.teamSales,
          ownSales: team.ownSales,
        });
        return team.directs;
      }),
    'team',
  );
  useReachBottom(loadMore);
  return (
    <View className="dist-page team">
      <View className="team-summary">
        <View className="team-stat team-stat--size">
          <Text className="team-stat__value">{summary ? summary.teamSize : '-'}</Text>
          <Text className="team-stat__label">团队人数</Text>
        </View>
        <View className="team-stat team-stat--direct">
          <Text className="team-stat__value">{summary ? summary.directCount : '-'}</Text>
          <Text className="team-stat__label">直属分销员</Text>
        </View>
        <View className="team-stat team-stat--sales">
          <Text className="team-stat__value">{summary ? formatFen(summary.teamSales) : '-'}</Text>
          <Text className="team-stat__label">团队销售额</Text>
        </View>
        <View className="team-stat team-stat--own">
          <Text className="team-stat__value">{summary ? formatFen(summary.ownSales) : '-'}</Text>
          <Text className="team-stat__label">我的销售额</Text>
        </View>
      </View>

      <LeaderboardCard />

      <Text className="team-section__title team-section__title--page">直属分销员</Text>
      {status === 'done' && items.length === 0 ? <Empty text="暂无直属分销员" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((m) => (
        <View key={m.code} className="dist-card team-member" data-code={m.code}>
          <View className="team-member__who">
            <Avatar url={m.avatarUrl} name={m.nickname} />
            <View className="team-member__info">
              <Text className="team-member__name">{m.nickname}</Text>
              <Text className="dist-muted">
                推荐码 {m.code} · {formatTime(m.joinedAt)} 加入
              </Text>
            </View>
          </View>
          <View className="dist-card__foot">
            <Text className="dist-muted">团队 {m.teamSize} 人</Text>
            <Text className="team-member__sales">销售额 {formatFen(m.sales)}</Text>
          </View>
        </View>
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </View>
  );
}
