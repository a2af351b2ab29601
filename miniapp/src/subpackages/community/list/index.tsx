import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import type { CommunityView } from '@weshop/shared';
import { listCommunities } from '../../../api/community';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { assetUrl } from '../../../config';
import { usePaged } from '../../../hooks/use-paged';
import { usePageView } from '../../../hooks/use-page-view';
import { COMMUNITY_ROLE_TEXT, countText } from '../../../utils/community';
import { toCommunity, toDiscover, type CommunityListTab } from '../../../utils/community-route';
import { CommunityTabs } from '../components/community-tabs';
import './index.scss';

const TABS: { key: CommunityListTab; label: string }[] = [
  { key: 'all', label: '全部社群' },
  { key: 'mine', label: '我加入的' },
];

function CommunityCard({ community }: { community: CommunityView }) {
  return (
    <View
      className="community-card"
      data-id={community.id}
      data-joined={community.joined ? '1' : '0'}
      onClick={() => toCommunity(community.id)}
    >
      {community.cover ? (
        <Image className="community-card__cover" src={assetUrl(community.cover)} mode="aspectFill" lazyLoad />
      ) : (
        <View className="community-card__cover community-card__cover--blank">
          <Text>{community.name.slice(0, 1)}</Text>
        </View>
      )}
      <View className="community-card__body">
        <View className="community-card__title">
          <Text className="community-card__name">{community.name}</Text>
          {community.myRole ? (
            <Text className="community-card__role">{COMMUNITY_ROLE_TEXT[community.myRole]}</Text>
          ) : null}
        </View>
        {community.intro ? <Text className="community-card__intro">{community.intro}</Text> : null}
        <Text className="community-card__stats">
          {countText(community.memberCount)} 成员 · {countText(community.postCount)} 帖子
        </Text>
      </View>
    </View>
  );
}

/** 社群: every community, or 我加入的 (`tab=mine`), with the way to 发现. */
export default function CommunityListPage() {
  usePageView();
  const [tab, setTab] = useState<CommunityListTab>(useRouter().params.tab === 'mine' ? 'mine' : 'all');
  const { items, status, error, loadMore } = usePaged((page) => listCommunities({ page, mine: tab === 'mine' }), tab);
  useReachBottom(loadMore);

  return (
    <View className="community-list">
      <View className="community-list__discover" onClick={() => toDiscover()}>
        <Text className="community-list__discover-title">发现</Text>
        <Text className="community-list__discover-more">精选和最新的帖子 ›</Text>
      </View>
      <CommunityTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text={tab === 'mine' ? '还没有加入社群' : '暂无社群'} /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((c) => (
        <CommunityCard key={c.id} community={c} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </View>
  );
}
