import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { listPostFeed, type PostFeed } from '../../../api/community';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { PostCard } from '../../../components/post-card';
import { usePageView } from '../../../hooks/use-page-view';
import { toPost } from '../../../utils/community-route';
import { useCursorList } from '../../../utils/use-cursor-list';
import { CommunityTabs } from '../components/community-tabs';
import './index.scss';

const TABS: { key: PostFeed; label: string }[] = [
  { key: 'discover', label: '发现' },
  { key: 'mine', label: '我的帖子' },
  { key: 'favourites', label: '我的收藏' },
];

const EMPTY_TEXT: Record<PostFeed, string> = {
  discover: '还没有帖子',
  mine: '还没有发过帖子',
  favourites: '还没有收藏',
};

function feedOf(raw: string | undefined): PostFeed {
  return raw === 'mine' || raw === 'favourites' ? raw : 'discover';
}

/** 发现: featured posts first, then the newest across communities; also 我的帖子 (every state) and 我的收藏. */
export default function DiscoverPage() {
  usePageView();
  const [feed, setFeed] = useState<PostFeed>(feedOf(useRouter().params.feed));
  const list = useCursorList((cursor) => listPostFeed(feed, { cursor }), feed);
  useReachBottom(list.loadMore);

  // Back from a post (liked, favourited, edited): show the feed as it is now.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.reload();
    shown.current = true;
  });

  return (
    <View className="discover" data-feed={feed}>
      <CommunityTabs tabs={TABS} active={feed} onChange={setFeed} />
      {list.status === 'done' && list.items.length === 0 ? <Empty text={EMPTY_TEXT[feed]} /> : null}
      {list.items.map((post) => (
        <PostCard key={post.id} post={post} onOpen={toPost} showCommunity />
      ))}
      {list.items.length > 0 || list.status !== 'done' ? (
        <LoadMore status={list.status} error={list.error} onLoadMore={list.loadMore} />
      ) : null}
    </View>
  );
}
