import { useEffect, useState } from 'react';
import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { OrderLineView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { getOrder } from '../../../api/orders';
import { listOrderReviews, writeReview } from '../../../api/reviews';
import { Empty } from '../../../components/empty';
import { assetUrl } from '../../../config';
import { specsText } from '../../../utils/order-status';
import { StarRating } from './components/star-rating';
import './index.scss';

const MAX_TEXT = 500;

/** 发表评价 for one line of a completed order: 商品 / 物流 / 服务 stars and a few words. */
export default function ReviewWritePage() {
  const { orderId = '', lineId = '' } = useRouter().params;
  const [line, setLine] = useState<OrderLineView | null>(null);
  const [reviewed, setReviewed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scores, setScores] = useState({ productScore: 5, logisticsScore: 5, serviceScore: 5 });
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    Promise.all([getOrder(orderId), listOrderReviews(orderId)])
      .then(([order, reviews]) => {
        const found = order.lines.find((l) => l.id === lineId);
        if (!found) return setError('订单中没有这件商品');
        setLine(found);
        setReviewed(reviews.items.some((r) => r.lineId === lineId));
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [orderId, lineId]);

  if (error) return <Empty text={error} />;
  if (!line) return <View className="review-loading">加载中…</View>;

  const submit = async () => {
    if (busy) return;
    if (text.length > MAX_TEXT) return void Taro.showToast({ title: `评价最多 ${MAX_TEXT} 字`, icon: 'none' });
    setBusy(true);
    try {
      await writeReview(orderId, { lineId, ...scores, text: text.trim() });
      setReviewed(true);
      void Taro.showToast({ title: '评价成功', icon: 'success' });
      setTimeout(() => void Taro.navigateBack(), 800);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="review-write">
      <View className="review-line">
        <Image className="review-line__image" src={assetUrl(line.image)} mode="aspectFill" />
        <View className="review-line__body">
          <Text className="review-line__title">{line.title}</Text>
          <Text className="review-line__specs">{specsText(line.specs)}</Text>
        </View>
      </View>
      {reviewed ? (
        <View className="review-done">
          <Text>已评价，感谢您的反馈</Text>
        </View>
      ) : (
        <>
          <View className="review-section">
            <StarRating
              label="商品"
              name="product"
              value={scores.productScore}
              onChange={(s) => setScores({ ...scores, productScore: s })}
            />
            <StarRating
              label="物流"
              name="logistics"
              value={scores.logisticsScore}
              onChange={(s) => setScores({ ...scores, logisticsScore: s })}
            />
            <StarRating
              label="服务"
              name="service"
              value={scores.serviceScore}
              onChange={(s) => setScores({ ...scores, serviceScore: s })}
            />
          </View>
          <View className="review-section">
            <Textarea
              className="review-text"
              value={text}
              maxlength={MAX_TEXT}
              placeholder="说说你的使用感受吧"
              onInput={(e) => setText(e.detail.value)}
            />
            <Text className="review-count">
              {text.length}/{MAX_TEXT}
            </Text>
          </View>
          <Button className="review-submit" disabled={busy || undefined} onClick={() => void submit()}>
            发表评价
          </Button>
        </>
      )}
    </View>
  );
}
