import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { POST_STATUSES, type CommunityStatsView } from '@weshop/shared';
import { errorMessage } from '../../../../../api/client';
import { getCommunityStats } from '../../../../../api/community';
import { Empty } from '../../../../../components/empty';
import { POST_STATUS_TEXT } from '../../../../../utils/community';
import { formatTime } from '../../../../../utils/order-status';
import './index.scss';

function Figure({ label, value, kind }: { label: string; value: number; kind: string }) {
  return (
    <View className={`community-stat community-stat--${kind}`}>
      <Text className="community-stat__value">{value}</Text>
      <Text className="community-stat__label">{label}</Text>
    </View>
  );
}

/** 数据: the server's figures for this community (members, posts by status, reactions, reports, WeChat groups). */
export function Stats({ communityId }: { communityId: string }) {
  const [stats, setStats] = useState<CommunityStatsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    getCommunityStats(communityId)
      .then(setStats)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [communityId]);

  if (error) return <Empty text={error} />;
  if (!stats) return <View className="admin-loading">加载中…</View>;
  return (
    <View className="community-stats">
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
