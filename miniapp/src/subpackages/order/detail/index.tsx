import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { OrderView } from '@weshop/shared';
import { errorMessage } from '../../../api/client';
import { cancelOrder, confirmReceipt, getOrder } from '../../../api/orders';
import { listOrderReviews } from '../../../api/reviews';
import { Empty } from '../../../components/empty';
import { formatTime, ORDER_STATUS_TEXT } from '../../../utils/order-status';
import { toAftersaleRequest, toReviewWrite } from '../../../utils/route';
import { AmountBreakdown } from '../components/amount-breakdown';
import { Countdown } from '../components/countdown';
import { OrderLines } from '../components/order-lines';
import { usePay } from '../components/pay/use-pay';
import { Parcels, Timeline } from './components/timeline';
import './index.scss';

/** Orders whose lines were paid for: 申请售后 is offered on them. */
const PAID_STATUSES: OrderView['status'][] = ['TO_SHIP', 'SHIPPED', 'COMPLETED'];

/** 订单详情: status (with the pay countdown), address, lines, amounts, timeline, parcels, actions by status. */
export default function OrderDetailPage() {
  const { id = '' } = useRouter().params;
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Lines of a completed order the buyer already reviewed (评价 turns into 已评价).
  const [reviewed, setReviewed] = useState<string[]>([]);

  const load = useCallback(() => {
    getOrder(id)
      .then((o) => {
        setOrder(o);
        setError(null);
        if (o.status === 'COMPLETED') {
          listOrderReviews(o.id)
            .then((r) => setReviewed(r.items.map((review) => review.lineId)))
            .catch(() => undefined);
        }
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);
  useEffect(load, [load]);
  // Back from 申请售后 or 发表评价: show the new state.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) load();
    shown.current = true;
  });
  const { pay, sheet } = usePay({ onCancelled: load });

  if (error && !order) return <Empty text={error} />;
  if (!order) return <View className="detail-loading">加载中…</View>;

  const act = async (work: () => Promise<OrderView>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      setOrder(await work());
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '取消订单', content: '确定取消这个订单吗？' });
    if (confirm) await act(() => cancelOrder(order.id), '已取消');
  };
  const receive = async () => {
    const { confirm } = await Taro.showModal({ title: '确认收货', content: '确认已收到全部商品？' });
    if (confirm) await act(() => confirmReceipt(order.id), '已确认收货');
  };

  const unpaid = order.status === 'PENDING_PAYMENT';
  const paid = PAID_STATUSES.includes(order.status);

  return (
    <View className="detail">
      <View className="detail-status" data-status={order.status}>
        <Text className="detail-status__text">{ORDER_STATUS_TEXT[order.status]}</Text>
        {unpaid ? (
          <Text className="detail-status__hint">
            剩余 <Countdown className="detail-countdown" expiresAt={order.expiresAt} onExpire={load} /> 未支付将自动取消
          </Text>
        ) : null}
        {order.cancelReason ? <Text className="detail-status__hint">{order.cancelReason}</Text> : null}
      </View>

      <View className="detail-address">
        <Text className="detail-address__who">
          {order.address.name} {order.address.phone}
        </Text>
        <Text className="detail-address__where">
          {order.address.province} {order.address.city} {order.address.district} {order.address.detail}
        </Text>
      </View>

      <OrderLines
        lines={order.lines.map((l) => ({
          key: l.id,
          title: l.title,
          image: l.image,
          specs: l.specs,
          unitPrice: l.unitPrice,
          quantity: l.quantity,
          isGift: l.isGift,
        }))}
        extra={(lineId) =>
          paid && !order.lines.some((l) => l.id === lineId && l.isGift) ? (
            <View className="detail-line-actions">
              <Text
                className="detail-aftersale"
                data-line={lineId}
                onClick={() => toAftersaleRequest(order.id, lineId)}
              >
                申请售后
              </Text>
              {order.status === 'COMPLETED' ? (
                reviewed.includes(lineId) ? (
                  <Text className="detail-reviewed" data-line={lineId}>
                    已评价
                  </Text>
                ) : (
                  <Text className="detail-review" data-line={lineId} onClick={() => toReviewWrite(order.id, lineId)}>
                    评价
                  </Text>
                )
              ) : null}
            </View>
          ) : null
        }
      />

      <View className="detail-section">
        <AmountBreakdown
          payableLabel="实付"
          amounts={{
            ...order,
            discounts: order.discountAmount > 0 ? [{ label: '活动优惠', amount: order.discountAmount }] : [],
          }}
        />
      </View>

      <Parcels shipments={order.shipments} />
      <Timeline entries={order.timeline} />

      <View className="detail-info">
        <Text>订单编号 {order.orderNo}</Text>
        <Text>下单时间 {formatTime(order.createdAt)}</Text>
        {order.paidAt ? <Text>支付时间 {formatTime(order.paidAt)}</Text> : null}
        {order.remark ? <Text>备注 {order.remark}</Text> : null}
      </View>

      {unpaid || order.status === 'SHIPPED' ? (
        <View className="detail-bar">
          {unpaid ? (
            <>
              <Button className="detail-bar__button detail-cancel" onClick={() => void cancel()}>
                取消订单
              </Button>
              <Button
                className="detail-bar__button detail-bar__button--primary detail-pay"
                onClick={() => void pay(order.id, order.payable)}
              >
                去支付
              </Button>
            </>
          ) : (
            <Button
              className="detail-bar__button detail-bar__button--primary detail-receive"
              onClick={() => void receive()}
            >
              确认收货
            </Button>
          )}
        </View>
      ) : null}
      {sheet}
    </View>
  );
}
