import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { PublicReviewView, ShopDsr } from '@weshop/shared';
import { getShopDsr, listProductReviews } from '../../../../api/reviews';
import { formatTime, specsText } from '../../../../utils/order-status';
import './index.scss';

const SHOWN = 3;

/** 店铺评分 (DSR) and the first reviews of a product; quietly absent when they cannot load. */
export function ReviewSummary({ productId }: { productId: string }) {
  const [dsr, setDsr] = useState<ShopDsr | null>(null);
  const [reviews, setReviews] = useState<{ items: PublicReviewView[]; total: number } | null>(null);

  useEffect(() => {
    let live = true;
    getShopDsr()
      .then((d) => live && setDsr(d))
      .catch(() => undefined);
    listProductReviews(productId, { page: 1, pageSize: SHOWN })
      .then((page) => live && setReviews({ items: page.items.slice(0, SHOWN), total: page.total }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [productId]);

  if (!dsr && !reviews) return null;

  return (
    <View className="review-summary">
      {dsr ? (
        <View className="shop-dsr">
          <Text className="shop-dsr__title">店铺评分</Text>
          <View className="shop-dsr__scores">
            <Text className="shop-dsr__score" data-kind="product">
              商品 {dsr.product.toFixed(2)}
            </Text>
            <Text className="shop-dsr__score" data-kind="logistics">
              物流 {dsr.logistics.toFixed(2)}
            </Text>
            <Text className="shop-dsr__score" data-kind="service">
              服务 {dsr.service.toFixed(2)}
            </Text>
          </View>
        </View>
      ) : null}
      {reviews ? (
        <View className="product-reviews">
          <Text className="product-reviews__title">商品评价（{reviews.total}）</Text>
          {reviews.items.length === 0 ? <Text className="product-reviews__empty">暂无评价</Text> : null}
          {reviews.items.map((r) => (
            <View key={r.id} className="product-review" data-id={r.id}>
              <View className="product-review__head">
                <Text className="product-review__who">{r.reviewer.nickname}</Text>
                <Text className="product-review__stars">{'★'.repeat(r.productScore)}</Text>
              </View>
              <Text className="product-review__text">{r.text || '此用户没有填写评价内容'}</Text>
              <Text className="product-review__meta">
                {formatTime(r.createdAt)} {specsText(r.specs)}
              </Text>
              {r.reply ? <Text className="product-review__reply">商家回复：{r.reply.text}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
