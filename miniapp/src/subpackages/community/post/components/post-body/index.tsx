import { Image, Text, Video, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatFen, type PostView } from '@weshop/shared';
import { assetUrl } from '../../../../../config';
import { POST_STATUS_TEXT, POST_TYPE_TEXT, productTagUrl } from '../../../../../utils/community';
import { formatTime } from '../../../../../utils/order-status';
import './index.scss';

/**
 * A post as its reader sees it: author, title, text, images (tap to enlarge), the video, and the
 * tagged products, each opening the product page by the server's path (the author's `ref` when the
 * author is a distributor) with this post for attribution. Not-yet-published states are labelled.
 */
export function PostBody({ post, onOpenCommunity }: { post: PostView; onOpenCommunity: () => void }) {
  const images = post.images.map(assetUrl);
  return (
    <View className={`post-body post-body--${post.type.toLowerCase()}`}>
      <View className="post-body__head">
        {post.author.avatarUrl ? (
          <Image className="post-body__avatar" src={assetUrl(post.author.avatarUrl)} mode="aspectFill" />
        ) : (
          <View className="post-body__avatar post-body__avatar--blank">
            <Text>{post.author.nickname.slice(0, 1)}</Text>
          </View>
        )}
        <View className="post-body__who">
          <Text className="post-body__author">
            {post.author.nickname}
            {post.author.isDistributor ? <Text className="post-body__tag">推荐官</Text> : null}
          </Text>
          <Text className="post-body__time">{formatTime(post.publishedAt ?? post.createdAt)}</Text>
        </View>
        <Text className="post-body__community" onClick={onOpenCommunity}>
          {post.communityName} ›
        </Text>
      </View>

      {post.status !== 'PUBLISHED' ? (
        <View className="post-body__state" data-status={post.status}>
          <Text className="post-body__status">{POST_STATUS_TEXT[post.status]}</Text>
          {post.status === 'SCHEDULED' && post.publishAt ? (
            <Text className="post-body__reason">将于 {formatTime(post.publishAt)} 发布</Text>
          ) : null}
          {post.reviewReason ? <Text className="post-body__reason">{post.reviewReason}</Text> : null}
          {post.rejectReason ? <Text className="post-body__reason">原因：{post.rejectReason}</Text> : null}
        </View>
      ) : null}

      {post.title ? (
        <Text className="post-body__title">
          {post.type !== 'NOTE' ? <Text className="post-body__type">{POST_TYPE_TEXT[post.type]}</Text> : null}
          {post.title}
        </Text>
      ) : null}
      {post.type === 'VIDEO' && post.videoUrl ? (
        <Video className="post-body__video" src={assetUrl(post.videoUrl)} controls objectFit="contain" />
      ) : null}
      <Text className="post-body__text" userSelect>
        {post.text}
      </Text>
      {images.length > 0 ? (
        <View className="post-body__images">
          {images.map((src) => (
            <Image
              key={src}
              className="post-body__image"
              src={src}
              mode={images.length === 1 ? 'widthFix' : 'aspectFill'}
              onClick={() => void Taro.previewImage({ urls: images, current: src })}
            />
          ))}
        </View>
      ) : null}

      {post.products.length > 0 ? (
        <View className="post-body__products">
          <Text className="post-body__products-title">文中商品</Text>
          {post.products.map((p) => (
            <View
              key={p.id}
              className="post-product"
              data-id={p.id}
              onClick={() => void Taro.navigateTo({ url: productTagUrl(p.path, post.id) })}
            >
              <Image className="post-product__image" src={assetUrl(p.image)} mode="aspectFill" />
              <View className="post-product__body">
                <Text className="post-product__title">{p.title}</Text>
                <Text className="post-product__price">{formatFen(p.price)}</Text>
              </View>
              <Text className="post-product__go">去看看 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Text className="post-body__views">浏览 {post.counts.views}</Text>
    </View>
  );
}
