import { Image, Text, View } from '@tarojs/components';
import type { PostView } from '@weshop/shared';
import { assetUrl } from '../../config';
import { countText, POST_STATUS_TEXT, POST_TYPE_TEXT } from '../../utils/community';
import { formatTime } from '../../utils/order-status';
import './index.scss';

interface PostCardProps {
  post: PostView;
  onOpen: (id: string) => void;
  /** Name the community (feeds across communities). */
  showCommunity?: boolean;
}

/**
 * One post in a feed: author, 置顶 / 精选, title and the first lines, up to three images (or the
 * video mark), tagged products, likes and comments. A post not published yet shows its status.
 */
export function PostCard({ post, onOpen, showCommunity = false }: PostCardProps) {
  const images = post.images.slice(0, 3);
  return (
    <View className="post-card" data-id={post.id} data-status={post.status} onClick={() => onOpen(post.id)}>
      <View className="post-card__head">
        {post.author.avatarUrl ? (
          <Image className="post-card__avatar" src={assetUrl(post.author.avatarUrl)} mode="aspectFill" />
        ) : (
          <View className="post-card__avatar post-card__avatar--blank">
            <Text>{post.author.nickname.slice(0, 1)}</Text>
          </View>
        )}
        <View className="post-card__who">
          <Text className="post-card__author">{post.author.nickname}</Text>
          <Text className="post-card__time">{formatTime(post.publishedAt ?? post.createdAt)}</Text>
        </View>
        {post.pinned ? <Text className="post-card__badge post-card__pinned">置顶</Text> : null}
        {post.featured ? <Text className="post-card__badge post-card__featured">精选</Text> : null}
        {post.status !== 'PUBLISHED' ? (
          <Text className="post-card__badge post-card__status">{POST_STATUS_TEXT[post.status]}</Text>
        ) : null}
      </View>
      {post.title ? (
        <Text className="post-card__title">
          {post.type !== 'NOTE' ? `[${POST_TYPE_TEXT[post.type]}] ` : ''}
          {post.title}
        </Text>
      ) : null}
      <Text className="post-card__text">{post.text}</Text>
      {post.type === 'VIDEO' ? (
        <View className="post-card__video">
          <Text>▶ 视频</Text>
        </View>
      ) : images.length > 0 ? (
        <View className={`post-card__images post-card__images--${images.length}`}>
          {images.map((src) => (
            <Image key={src} className="post-card__image" src={assetUrl(src)} mode="aspectFill" lazyLoad />
          ))}
        </View>
      ) : null}
      {post.products.length > 0 ? (
        <View className="post-card__products">
          <Text className="post-card__product">🛍 {post.products[0].title}</Text>
          {post.products.length > 1 ? <Text className="post-card__more">等 {post.products.length} 件商品</Text> : null}
        </View>
      ) : null}
      <View className="post-card__foot">
        <Text className="post-card__community">{showCommunity ? post.communityName : ''}</Text>
        <Text className="post-card__count post-card__likes">
          {post.liked ? '♥' : '♡'} {countText(post.counts.likes)}
        </Text>
        <Text className="post-card__count post-card__comments">💬 {countText(post.counts.comments)}</Text>
      </View>
    </View>
  );
}
