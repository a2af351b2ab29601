import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import type { PostStatus, PostView } from '@weshop/shared';
import { errorMessage } from '../../../../../api/client';
import {
  approvePost,
  featurePost,
  listModeration,
  pinPost,
  rejectPost,
  removePost,
} from '../../../../../api/community';
import { Empty } from '../../../../../components/empty';
import { LoadMore } from '../../../../../components/load-more';
import { assetUrl } from '../../../../../config';
import { POST_STATUS_TEXT, POST_TYPE_TEXT } from '../../../../../utils/community';
import { toPost } from '../../../../../utils/community-route';
import { formatTime } from '../../../../../utils/order-status';
import { useCursorList } from '../../../../../utils/use-cursor-list';
import { AdminTabs } from '../../../components/admin-tabs';
import { ReasonForm } from '../reason-form';
import './index.scss';

/** The queue's tabs: 待审核 first; 被举报 is the published posts someone reported. */
type QueueTab = Exclude<PostStatus, 'DRAFT'> | 'REPORTED';
const TABS: { key: QueueTab; label: string }[] = [
  { key: 'IN_REVIEW', label: '待审核' },
  { key: 'REPORTED', label: '被举报' },
  { key: 'PUBLISHED', label: '已发布' },
  { key: 'SCHEDULED', label: '定时' },
  { key: 'REJECTED', label: '未通过' },
  { key: 'REMOVED', label: '已移除' },
];

function queryOf(tab: QueueTab): { status: PostStatus; reported?: boolean } {
  return tab === 'REPORTED' ? { status: 'PUBLISHED', reported: true } : { status: tab };
}

function ModerationCard({
  communityId,
  post,
  onChanged,
}: {
  communityId: string;
  post: PostView;
  onChanged: () => void;
}) {
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
      void Taro.showToast({ title: done, icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    const { confirm } = await Taro.showModal({ title: '移除帖子', content: '移除后社群成员将看不到这篇帖子' });
    if (confirm) await run(() => removePost(communityId, post.id), '已移除');
  };
  const published = post.status === 'PUBLISHED';
  return (
    <View className="admin-card moderation-card" data-id={post.id} data-status={post.status}>
      <View className="admin-card__head">
        <Text>
          帖子 {post.id} · {POST_TYPE_TEXT[post.type]} · {post.author.nickname}
        </Text>
        <Text className="admin-card__status">
          {post.pinned ? '置顶 · ' : ''}
          {post.featured ? '精选 · ' : ''}
          {POST_STATUS_TEXT[post.status]}
        </Text>
      </View>
      <View onClick={() => toPost(post.id)}>
        {post.title ? <Text className="admin-card__title">{post.title}</Text> : null}
        <Text className="moderation-card__text">{post.text}</Text>
        {post.images.length > 0 ? (
          <View className="moderation-card__images">
            {post.images.slice(0, 4).map((src) => (
              <Image key={src} className="moderation-card__image" src={assetUrl(src)} mode="aspectFill" lazyLoad />
            ))}
          </View>
        ) : null}
      </View>
      <Text className="admin-card__row">
        {formatTime(post.createdAt)} · 赞 {post.counts.likes} · 评论 {post.counts.comments} · 浏览 {post.counts.views}
        {post.products.length ? ` · 商品 ${post.products.length}` : ''}
      </Text>
      {post.status === 'SCHEDULED' && post.publishAt ? (
        <Text className="admin-card__row">定时 {formatTime(post.publishAt)}</Text>
      ) : null}
      {post.reviewReason ? (
        <Text className="admin-card__row moderation-card__reason">待审原因：{post.reviewReason}</Text>
      ) : null}
      {post.rejectReason ? (
        <Text className="admin-card__row moderation-card__reason">原因：{post.rejectReason}</Text>
      ) : null}
      {rejecting ? (
        <ReasonForm
          onBack={() => setRejecting(false)}
          onSubmit={(reason) => void run(() => rejectPost(communityId, post.id, reason), '已驳回')}
        />
      ) : post.status !== 'REMOVED' ? (
        <View className="admin-actions">
          {post.status === 'IN_REVIEW' ? (
            <Button
              className="admin-button admin-button--primary moderation-approve"
              onClick={() => void run(() => approvePost(communityId, post.id), '已通过')}
            >
              通过
            </Button>
          ) : null}
          {published ? (
            <>
              <Button
                className="admin-button moderation-pin"
                onClick={() =>
                  void run(() => pinPost(communityId, post.id, !post.pinned), post.pinned ? '已取消置顶' : '已置顶')
                }
              >
                {post.pinned ? '取消置顶' : '置顶'}
              </Button>
              <Button
                className="admin-button moderation-feature"
                onClick={() =>
                  void run(
                    () => featurePost(communityId, post.id, !post.featured),
                    post.featured ? '已取消精选' : '已精选',
                  )
                }
              >
                {post.featured ? '取消精选' : '精选'}
              </Button>
            </>
          ) : null}
          {post.status === 'IN_REVIEW' || published ? (
            <Button className="admin-button moderation-reject" onClick={() => setRejecting(true)}>
              驳回
            </Button>
          ) : null}
          <Button className="admin-button moderation-remove" onClick={() => void remove()}>
            移除
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** 内容审核: posts by status (待审核 first), reported ones, and each post's actions. */
export function Moderation({ communityId }: { communityId: string }) {
  const [tab, setTab] = useState<QueueTab>('IN_REVIEW');
  const [generation, setGeneration] = useState(0);
  const list = useCursorList(
    (cursor) => listModeration(communityId, { ...queryOf(tab), cursor }),
    `${communityId}|${tab}|${generation}`,
  );
  useReachBottom(list.loadMore);
  return (
    <View className="moderation" data-tab={tab}>
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {list.status === 'done' && list.items.length === 0 ? <Empty text="暂无帖子" /> : null}
      {list.status === 'error' && list.items.length === 0 ? <Empty text={list.error ?? '加载失败'} /> : null}
      {list.items.map((post) => (
        <ModerationCard
          key={post.id}
          communityId={communityId}
          post={post}
          onChanged={() => setGeneration((g) => g + 1)}
        />
      ))}
      {list.items.length > 0 ? <LoadMore status={list.status} error={list.error} onLoadMore={list.loadMore} /> : null}
    </View>
  );
}
