import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { formatFen, type AftersaleType, type OrderView } from '@weshop/shared';
import { requestAftersale } from '../../../api/aftersales';
import { ApiError, errorMessage } from '../../../api/client';
import { getOrder } from '../../../api/orders';
import { Empty } from '../../../components/empty';
import { assetUrl } from '../../../config';
import { specsText } from '../../../utils/order-status';
import { toAftersaleDetail } from '../../../utils/route';
import { AftersaleForm, type AftersaleDraft } from './components/aftersale-form';
import './index.scss';

/** 退货退款 needs goods on their way or delivered. */
function typesFor(order: OrderView): AftersaleType[] {
  return order.status === 'SHIPPED' || order.status === 'COMPLETED' ? ['REFUND', 'RETURN_REFUND'] : ['REFUND'];
}

/** The sentence for a refused request; `AFTERSALE_AMOUNT_TOO_HIGH` carries the most that can go back. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && error.code === 'AFTERSALE_AMOUNT_TOO_HIGH') {
    const max = error.details.max;
    if (typeof max === 'number' && Number.isSafeInteger(max)) return `${error.message}（最多 ${formatFen(max)}）`;
  }
  return errorMessage(error);
}

/** 申请售后 for one order line: the line, what is still refundable (the server's figures), the form. */
export default function AftersaleRequestPage() {
  const { orderId = '', lineId = '' } = useRouter().params;
  const [order, setOrder] = useState<OrderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    getOrder(orderId)
      .then(setOrder)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [orderId]);

  if (error) return <Empty text={error} />;
  if (!order) return <View className="aftersale-loading">加载中…</View>;
  const line = order.lines.find((l) => l.id === lineId);
  if (!line) return <Empty text="订单中没有这件商品" />;

  // Shown as a hint and prefilled; the server checks the amount against its own records.
  const refundable = line.paidAmount - line.refundedAmount;

  const submit = async (draft: AftersaleDraft) => {
    setBusy(true);
    try {
      const created = await requestAftersale(order.id, { lineId: line.id, ...draft });
      void Taro.showToast({ title: '已提交申请', icon: 'success' });
      toAftersaleDetail(created.id, true);
    } catch (e) {
      void Taro.showToast({ title: refusal(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="aftersale-request">
      <View className="aftersale-line" data-line={line.id}>
        <Image className="aftersale-line__image" src={assetUrl(line.image)} mode="aspectFill" />
        <View className="aftersale-line__body">
          <Text className="aftersale-line__title">{line.title}</Text>
          <Text className="aftersale-line__specs">
            {specsText(line.specs)} ×{line.quantity}
          </Text>
          <Text className="aftersale-line__paid">实付 {formatFen(line.paidAmount)}</Text>
          {line.refundedAmount > 0 ? (
            <Text className="aftersale-line__refunded">已退 {formatFen(line.refundedAmount)}</Text>
          ) : null}
          <Text className="aftersale-line__refundable">最多可退 {formatFen(Math.max(refundable, 0))}</Text>
        </View>
      </View>
      <AftersaleForm
        types={typesFor(order)}
        initialAmount={refundable > 0 ? formatFen(refundable, { symbol: false }) : ''}
        busy={busy}
        onSubmit={(draft) => void submit(draft)}
        onInvalid={(message) => void Taro.showToast({ title: message, icon: 'none' })}
      />
    </View>
  );
}
