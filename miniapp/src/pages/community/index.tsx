import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import type { CommunityView } from '@weshop/shared';
import { errorMessage } from '../../api/client';
import { getCommunity, joinCommunity, leaveCommunity, listCommunityPosts } from '../../api/community';
import { Empty } from '../../components/empty';
import { LoadMore } from '../../components/load-more';
import { PostCard } from '../../components/post-card';
import { assetUrl } from '../../config';
import { usePageView, useShareTicket } from '../../hooks/use-page-view';
import { session } from '../../stores/session';
import { canManageCommunity, communityFromQuery, communitySharePath, countText } from '../../utils/community';
import { toCommunityConsole, toPost, toPostEditor } from '../../utils/community-route';
import { track } from '../../utils/events';
import { askToSubscribe, preloadSubscribeTemplates } from '../../utils/subscribe';
import { formatTime } from '../../utils/order-status';
import { useCursorList } from '../../utils/use-cursor-list';
import { useShareRef } from '../product/use-share-ref';
import './index.scss';

const PAGE = 'pages/community/index';

/**
 * 社群主页: cover, intro, 公告, members, 加入 / 退出, the community's posts (pinned first, cursor
 * pages) and 发帖 for members. Opened by a shared path (`id`, joins as LINK) or the community's
 * mini-program code (`scene = c=<id>`, joins as CODE). Shares carry the id, `communityId` for the
 * launch's attribution and, for an approved distributor, `ref` (else `sharer`).
 */
export default function CommunityPage() {
  const entry = communityFromQuery(useRouter().params);
  const id = entry?.id ?? '';
  usePageView();
  useShareTicket();
  const ref = useShareRef();
  const [community, setCommunity] = useState<CommunityView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    if (!id) return setError('社群不存在');
    getCommunity(id)
      .then((c) => {
        setCommunity(c);
        setError(null);
        void Taro.setNavigationBarTitle({ title: c.name });
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);
  useEffect(load, [load]);

  const feed = useCursorList(
    (cursor) => (id ? listCommunityPosts(id, { cursor }) : Promise.resolve({ items: [], nextCursor: null })),
    id,
  );
  useReachBottom(feed.loadMore);

  // Back from the editor or a post: the membership, the counts and the feed may have changed.
  const shown = useRef(false);
  useDidShow(() => {
    void preloadSubscribeTemplates();
    if (shown.current && id) {
      load();
      void feed.reload();
    }
    shown.current = true;
  });

  const sharePath = () => communitySharePath(id, { ref, userId: session.user()?.id ?? null });
  const share = () => {
    track('SHARE', { page: PAGE });
    return {
      title: community ? `邀你加入「${community.name}」` : '一起来社群',
      path: sharePath(),
      imageUrl: community?.cover ? assetUrl(community.cover) : undefined,
    };
  };
  useShareAppMessage(share);
  useShareTimeline(() => {
    const card = share();
    return { title: card.title, query: card.path.split('?')[1], imageUrl: card.imageUrl };
  });

  if (error && !community) return <Empty text={error} />;
  if (!community) return <View className="community-loading">加载中…</View>;

  const run = async (work: () => Promise<CommunityView>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      setCommunity(await work());
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const join = () => {
    // 社群新内容 messages: asked inside the tap, then the community is joined.
    void askToSubscribe('COMMUNITY_JOIN').then(() => run(() => joinCommunity(id, entry?.source ?? 'LINK'), '已加入'));
  };
  const leave = async () => {
    const { confirm } = await Taro.showModal({ title: '退出社群', content: `确定退出「${community.name}」吗？` });
    if (confirm) await run(() => leaveCommunity(id), '已退出');
  };

  /** h5 has no share card: the link (with the code) goes to the clipboard. */
  const copyLink = () => {
    const link = `${window.location.origin}${window.location.pathname}#${sharePath()}`;
    Taro.setClipboardData({ data: link })
      .then(() => Taro.showToast({ title: '链接已复制，邀请好友加入吧', icon: 'none' }))
      .catch(() => Taro.showToast({ title: link, icon: 'none' }));
  };

  const manager = canManageCommunity(community, session.user());

  return (
    <View className="community" data-id={community.id} data-joined={community.joined ? '1' : '0'}>
      <View className="community__hero">
        {community.cover ? (
          <Image className="community__cover" src={assetUrl(community.cover)} mode="aspectFill" />
        ) : (
          <View className="community__cover community__cover--blank" />
        )}
        <View className="community__head">
          <Text className="community__name">{community.name}</Text>
          <Text className="community__stats">
            <Text className="community__members">{countText(community.memberCount)}</Text> 成员 ·{' '}
            {countText(community.postCount)} 帖子
          </Text>
        </View>
      </View>
      {community.intro ? <Text className="community__intro">{community.intro}</Text> : null}
      {community.announcement ? (
        <View className="community__announcement">
          <Text className="community__announcement-label">公告</Text>
          <Text className="community__announcement-text">{community.announcement}</Text>
          {community.announcementAt ? (
            <Text className="community__announcement-at">{formatTime(community.announcementAt)}</Text>
          ) : null}
        </View>
      ) : null}

      <View className="community__actions">
        {community.joined ? (
          <Button
            className="community__button community__button--primary community__post"
            onClick={() => toPostEditor(id)}
          >
            发帖
          </Button>
        ) : (
          <Button
            className="community__button community__button--primary community__join"
            disabled={busy || undefined}
            onClick={join}
          >
            加入社群
          </Button>
        )}
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className="community__button community__invite" openType="share">
            邀请好友
          </Button>
        ) : (
          <Button className="community__button community__invite" onClick={copyLink}>
            邀请好友
          </Button>
        )}
        {manager ? (
          <Button className="community__button community__manage" onClick={() => toCommunityConsole(id)}>
            管理
          </Button>
        ) : null}
      </View>
      {community.joined && community.myRole !== 'MANAGER' ? (
        <Text className="community__leave" onClick={() => void leave()}>
          退出社群
        </Text>
      ) : null}

      <View className="community__feed">
        {feed.status === 'done' && feed.items.length === 0 ? (
          <Empty text={community.joined ? '还没有帖子，来发第一帖吧' : '还没有帖子'} />
        ) : null}
        {feed.items.map((post) => (
          <PostCard key={post.id} post={post} onOpen={toPost} />
        ))}
        {feed.items.length > 0 || feed.status !== 'done' ? (
          <LoadMore status={feed.status} error={feed.error} onLoadMore={feed.loadMore} />
        ) : null}
      </View>
    </View>
  );
}
