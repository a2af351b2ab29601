import { useRef, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { PointsMallItemView, PointsMallList } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { listPointsMall, redeemPointsMallItem } from '../../../api/points-mall';
import { Empty } from '../../../components/empty';
import { newIdempotencyKey } from '../../../utils/idempotency';
import { REDEEM_BUTTON_TEXT, pointsPriceText, redeemConfirmText, redeemState } from '../../../utils/points-mall';
import { toCoupons } from '../../../utils/marketing-route';
import { toOrderDetail } from '../../../utils/route';
import '../components/marketing.scss';
import './index.scss';

/**
 * 积分商城: my usable points and the items (gifts and coupons for points, or points + cash), each with
 * its stock and 兑换 behind a confirm modal. A coupon lands in 我的优惠券; a gift becomes an order (to
 * pay first when it has cash).
 */
export default function PointsMallPage() {
  const [mall, setMall] = useState<PointsMallList | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // One key per item and intent: a retry after a network error cannot redeem twice.
  const keys = useRef(new Map<string, string>());

  const load = () =>
    listPointsMall().then(
      (m) => {
        setMall(m);
        setFailed(null);
      },
      (e) => setFailed(errorMessage(e)),
    );
  useDidShow(() => void load());

  const redeem = async (item: PointsMallItemView) => {
    if (busy) return;
    const { confirm } = await Taro.showModal({ title: '确认兑换', content: redeemConfirmText(item) });
    if (!confirm) return;
    const key = keys.current.get(item.id) ?? newIdempotencyKey();
    keys.current.set(item.id, key);
    setBusy(item.id);
    try {
      const done = await redeemPointsMallItem(item.id, key);
      keys.current.delete(item.id);
      if (done.kind === 'COUPON') {
        const { confirm: look } = await Taro.showModal({
          title: '兑换成功',
          content: '优惠券已放入「我的优惠券」',
          confirmText: '去看看',
          cancelText: '继续逛',
        });
        if (look) toCoupons('AVAILABLE');
      } else if (done.orderId) {
        void Taro.showToast({ title: done.cash > 0 ? '请支付加价金额' : '兑换成功，等待发货', icon: 'none' });
        toOrderDetail(done.orderId);
      }
      await load();
    } catch (e) {
      keys.current.delete(item.id); // refused: a new tap is a new intent
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
      await load();
    } finally {
      setBusy(null);
    }
  };

  const available = mall?.available ?? 0;
  return (
    <View className="mk points-mall">
      <View className="mk-head">
        <Text className="mk-head__label">可用积分</Text>
        <Text className="mk-head__big points-mall__available">{mall ? mall.available : '--'}</Text>
        <Text className="mk-head__line">积分兑好礼：实物礼品包邮到家，优惠券即兑即用</Text>
      </View>
      {failed && !mall ? <Empty text={failed} /> : null}
      {mall && mall.items.length === 0 ? <Empty text="积分商城暂无商品" /> : null}
      <View className="pm-list">
        {(mall?.items ?? []).map((item) => {
          const state = redeemState(item, available);
          return (
            <View key={item.id} className="pm-item" data-id={item.id} data-kind={item.kind} data-state={state}>
              {item.kind === 'GIFT' && item.image ? (
                <Image className="pm-item__image" src={item.image} mode="aspectFill" />
              ) : (
                <View className="pm-item__coupon">
                  <Text>{item.kind === 'COUPON' ? item.subtitle || '优惠券' : '礼品'}</Text>
                </View>
              )}
              <View className="pm-item__body">
                <Text className="pm-item__title">{item.title}</Text>
                <Text className="pm-item__price">{pointsPriceText(item)}</Text>
                <Text className="pm-item__stock">
                  {item.stock > 0 ? `剩余 ${item.stock} 件` : '已兑完'} · 每人限兑 {item.perUserLimit} 件
                </Text>
                <Button
                  className="pm-item__button"
                  disabled={state !== 'OK' || busy !== null || undefined}
                  loading={busy === item.id}
                  onClick={() => void redeem(item)}
                >
                  {REDEEM_BUTTON_TEXT[state]}
                </Button>
              </View>
            </View>
          );
        })}
      </View>
    </View>
  );
}
