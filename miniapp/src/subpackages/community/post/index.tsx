import { useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useReachBottom, useRouter, useShareAppMessage } from '@tarojs/taro';
import type { PostReactionView, PostView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import {
  approvePost,
  createComment,
  deleteComment,
  deletePost,
  favouritePost,
  featurePost,
  getCommunity,
  getPost,
  likePost,
  listComments,
  listReplies,
  pinPost,
  removePost,
  reportPost,
} from '../../../api/community';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { assetUrl } from '../../../config';
import { usePageView, useShareTicket } from '../../../hooks/use-page-view';
import { useShareRef } from '../../../pages/product/use-share-ref';
import { session } from '../../../stores/session';
import { addComment, addReplies, findComment, removeComment } from '../../../utils/comment-tree';
import { canManageCommunity, countText, postSharePath, REPORT_REASONS } from '../../../utils/community';
import { toCommunity, toPostEditor } from '../../../utils/community-route';
import { track } from '../../../utils/events';
import { useCursorList } from '../../../utils/use-cursor-list';
import { CommentBox } from './components/comment-box';
import { CommentList, type ReplyTarget } from './components/comment-list';
import { PostBody } from './components/post-body';
import './index.scss';

const PAGE = 'subpackages/community/post/index';

/**
 * 帖子详情: the post (the server counts the view on GET), 点赞 / 收藏 / 举报, comments with one level
 * of replies, and for its author 编辑 / 删除, for the community's managers 置顶 / 精选 / 通过 / 移除.
 */
export default function PostPage() {
  const { id = '' } = useRouter().params;
  usePageView();
  useShareTicket();
  const ref = useShareRef();
  const [post, setPost] = useState<PostView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [manager, setManager] = useState(false);
  const [replyTo, setReplyTo] = useState<ReplyTarget | null>(null);
  const [busy, setBusy] = useState(false);
  const replyCursors = useRef(new Map<string, string | null>());
  const user = session.user();

  useEffect(() => {
    if (!id) return setError('帖子不存在');
    getPost(id)
      .then((p) => {
        setPost(p);
        // Whether the viewer manages this community (the console's actions on this post).
        getCommunity(p.communityId)
          .then((c) => setManager(canManageCommunity(c, session.user())))
          .catch(() => setManager(canManageCommunity(null, session.user())));
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);

  const comments = useCursorList((cursor) => listComments(id, { cursor }), id);
  useReachBottom(comments.loadMore);

  useShareAppMessage(() => {
    track('SHARE', { page: PAGE, postId: id });
    return {
      title: post ? post.title || post.text.slice(0, 30) : '社群好帖',
      path: postSharePath(id, post?.communityId ?? null, { ref, userId: user?.id ?? null }),
      imageUrl: post?.images[0] ? assetUrl(post.images[0]) : undefined,
    };
  });

  if (error && !post) return <Empty text={error} />;
  if (!post) return <View className="post-loading">加载中…</View>;

  const isAuthor = user?.id === post.author.id;
  const applyReaction = (r: PostReactionView) =>
    setPost((p) => (p ? { ...p, liked: r.liked, favourited: r.favourited, counts: r.counts } : p));

  /** One action at a time; errors become a toast. */
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const toggleLike = () => void run(async () => applyReaction(await likePost(post.id, !post.liked)));
  const toggleFavourite = () =>
    void run(async () => {
      const r = await favouritePost(post.id, !post.favourited);
      applyReaction(r);
      void Taro.showToast({ title: r.favourited ? '已收藏' : '已取消收藏', icon: 'none' });
    });
  const report = async () => {
    const picked = await Taro.showActionSheet({ itemList: [...REPORT_REASONS] }).catch(() => null);
    if (!picked) return;
    await run(async () => {
      await reportPost(post.id, REPORT_REASONS[picked.tapIndex]);
      void Taro.showToast({ title: '已举报，感谢反馈', icon: 'none' });
    });
  };
  const remove = async () => {
    const { confirm } = await Taro.showModal({ title: '删除帖子', content: '删除后不可恢复，确定删除吗？' });
    if (!confirm) return;
    await run(async () => {
      await deletePost(post.id);
      void Taro.showToast({ title: '已删除', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 600);
    });
  };

  /** A manager's action, then the post as it now is (changed here: a new GET would count a view). */
  const moderate = (work: () => Promise<void>, next: Partial<PostView>, done: string) =>
    void run(async () => {
      await work();
      setPost((p) => (p ? { ...p, ...next } : p));
      void Taro.showToast({ title: done, icon: 'success' });
    });
  const takeDown = async () => {
    const { confirm } = await Taro.showModal({ title: '移除帖子', content: '移除后社群成员将看不到这篇帖子' });
    if (confirm) moderate(() => removePost(post.communityId, post.id), { status: 'REMOVED', pinned: false }, '已移除');
  };

  const send = async (text: string): Promise<boolean> => {
    try {
      const created = await createComment(post.id, { text, replyToId: replyTo?.id });
      comments.setItems((tree) => addComment(tree, created));
      setPost((p) => (p ? { ...p, counts: { ...p.counts, comments: p.counts.comments + 1 } } : p));
      setReplyTo(null);
      void Taro.showToast({ title: '评论成功', icon: 'success' });
      return true;
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      return false;
    }
  };

  const moreReplies = (parentId: string) =>
    void run(async () => {
      const cursor = replyCursors.current.get(parentId);
      if (cursor === null) return;
      const page = await listReplies(post.id, parentId, { cursor });
      replyCursors.current.set(parentId, page.nextCursor);
      comments.setItems((tree) => addReplies(tree, parentId, page.items));
    });

  const dropComment = async (commentId: string) => {
    const { confirm } = await Taro.showModal({ title: '删除评论', content: '确定删除这条评论吗？' });
    if (!confirm) return;
    await run(async () => {
      const target = comments.items.find((c) => c.id === commentId);
      await deleteComment(post.id, commentId);
      comments.setItems((tree) => removeComment(tree, commentId));
      const gone = 1 + (target?.replyCount ?? 0);
      setPost((p) => (p ? { ...p, counts: { ...p.counts, comments: Math.max(0, p.counts.comments - gone) } } : p));
    });
  };

  const reply = (target: ReplyTarget) => {
    if (findComment(comments.items, target.id)) setReplyTo(target);
  };

  return (
    <View className="post-page" data-id={post.id} data-status={post.status}>
      <PostBody post={post} onOpenCommunity={() => toCommunity(post.communityId)} />

      <View className="post-bar">
        <View
          className={`post-bar__item post-like ${post.liked ? 'post-bar__item--on' : ''}`}
          data-liked={post.liked ? '1' : '0'}
          onClick={toggleLike}
        >
          <Text className="post-bar__icon">{post.liked ? '♥' : '♡'}</Text>
          <Text className="post-like__count">{countText(post.counts.likes)}</Text>
        </View>
        <View
          className={`post-bar__item post-favourite ${post.favourited ? 'post-bar__item--on' : ''}`}
          data-favourited={post.favourited ? '1' : '0'}
          onClick={toggleFavourite}
        >
          <Text className="post-bar__icon">{post.favourited ? '★' : '☆'}</Text>
          <Text className="post-favourite__count">{countText(post.counts.favourites)}</Text>
        </View>
        <View className="post-bar__item">
          <Text className="post-bar__icon">💬</Text>
          <Text className="post-comments__count">{countText(post.counts.comments)}</Text>
        </View>
        {!isAuthor ? (
          <View className="post-bar__item post-report" onClick={() => void report()}>
            <Text className="post-bar__icon">⚠</Text>
            <Text>举报</Text>
          </View>
        ) : null}
      </View>

      {isAuthor || manager ? (
        <View className="post-manage">
          {isAuthor && post.status !== 'REMOVED' ? (
            <Button className="post-manage__button post-edit" onClick={() => toPostEditor(post.communityId, post.id)}>
              编辑
            </Button>
          ) : null}
          {isAuthor ? (
            <Button className="post-manage__button post-delete" onClick={() => void remove()}>
              删除
            </Button>
          ) : null}
          {manager && post.status === 'IN_REVIEW' ? (
            <Button
              className="post-manage__button post-approve"
              onClick={() => moderate(() => approvePost(post.communityId, post.id), { status: 'PUBLISHED' }, '已通过')}
            >
              通过
            </Button>
          ) : null}
          {manager && post.status === 'PUBLISHED' ? (
            <>
              <Button
                className="post-manage__button post-pin"
                onClick={() =>
                  moderate(
                    () => pinPost(post.communityId, post.id, !post.pinned),
                    { pinned: !post.pinned },
                    post.pinned ? '已取消置顶' : '已置顶',
                  )
                }
              >
                {post.pinned ? '取消置顶' : '置顶'}
              </Button>
              <Button
                className="post-manage__button post-feature"
                onClick={() =>
                  moderate(
                    () => featurePost(post.communityId, post.id, !post.featured),
                    { featured: !post.featured },
                    post.featured ? '已取消精选' : '已精选',
                  )
                }
              >
                {post.featured ? '取消精选' : '精选'}
              </Button>
            </>
          ) : null}
          {manager && post.status !== 'REMOVED' ? (
            <Button className="post-manage__button post-remove" onClick={() => void takeDown()}>
              移除
            </Button>
          ) : null}
        </View>
      ) : null}

      <View className="post-comments">
        <Text className="post-comments__title">评论 {countText(post.counts.comments)}</Text>
        {comments.status === 'done' && comments.items.length === 0 ? (
          <Text className="post-comments__empty">还没有评论，快来抢沙发</Text>
        ) : null}
        <CommentList
          comments={comments.items}
          onReply={reply}
          onMoreReplies={moreReplies}
          canDelete={(authorId) => manager || authorId === user?.id}
          onDelete={(commentId) => void dropComment(commentId)}
        />
        {comments.items.length > 0 || comments.status !== 'done' ? (
          <LoadMore status={comments.status} error={comments.error} onLoadMore={comments.loadMore} />
        ) : null}
      </View>

      {post.status === 'PUBLISHED' ? (
        <CommentBox replyTo={replyTo} onCancelReply={() => setReplyTo(null)} onSend={send} />
      ) : null}
    </View>
  );
}
