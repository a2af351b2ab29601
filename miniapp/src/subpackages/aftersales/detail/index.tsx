import { useCallback, useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { carrierName, formatFen, type AftersaleReturnRequest, type AftersaleView } from '@weshop/shared';
import { cancelAftersale, getAftersale, submitReturnShipment } from '../../../api/aftersales';
import { errorMessage } from '../../../api/client';
import { Empty } from '../../../components/empty';
import { AFTERSALE_STATUS_TEXT, formatTime } from '../../../utils/order-status';
import { toOrderDetail } from '../../../utils/route';
import { AFTERSALE_TYPE_TEXT } from '../request/components/aftersale-form';
import { ReturnForm } from './components/return-form';
import '../request/components/aftersale-form/index.scss';
import './index.scss';

/** 售后详情: status, amounts, timeline; 填写退货物流 once approved (退货退款), 撤销申请 while waiting. */
export default function AftersaleDetailPage() {
  const { id = '' } = useRouter().params;
  const [item, setItem] = useState<AftersaleView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    getAftersale(id)
      .then((a) => {
        setItem(a);
        setError(null);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [id]);
  useEffect(load, [load]);

  if (error && !item) return <Empty text={error} />;
  if (!item) return <View className="aftersale-loading">加载中…</View>;

  const act = async (work: () => Promise<AftersaleView>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      setItem(await work());
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    const { confirm } = await Taro.showModal({ title: '撤销申请', content: '确定撤销这个售后申请吗？' });
    if (confirm) await act(() => cancelAftersale(item.id), '已撤销');
  };
  const sendReturn = (body: AftersaleReturnRequest) => void act(() => submitReturnShipment(item.id, body), '已提交');
  const toast = (title: string) => void Taro.showToast({ title, icon: 'none' });

  const newestFirst = [...item.timeline].reverse();

  return (
    <View className="aftersale-detail">
      <View className="aftersale-status" data-status={item.status}>
        <Text className="aftersale-status__text">{AFTERSALE_STATUS_TEXT[item.status]}</Text>
        {item.rejectReason ? <Text className="aftersale-status__hint">拒绝原因：{item.rejectReason}</Text> : null}
        {item.note ? <Text className="aftersale-status__hint">{item.note}</Text> : null}
      </View>

      <View className="aftersale-section">
        <Text className="aftersale-section__title">{item.line.title}</Text>
        <View className="aftersale-row">
          <Text>售后类型</Text>
          <Text className="aftersale-type-text">{AFTERSALE_TYPE_TEXT[item.type]}</Text>
        </View>
        <View className="aftersale-row">
          <Text>申请退款</Text>
          <Text className="aftersale-amount">{formatFen(item.amount)}</Text>
        </View>
        {item.refund ? (
          <View className="aftersale-row">
            <Text>{item.refund.status === 'SUCCESS' ? '已退款' : '退款中'}</Text>
            <Text className="aftersale-refund">{formatFen(item.refund.amount)}</Text>
          </View>
        ) : null}
        <View className="aftersale-row">
          <Text>商品实付</Text>
          <Text>{formatFen(item.line.paidAmount)}</Text>
        </View>
        {item.quantity > 0 ? (
          <View className="aftersale-row">
            <Text>件数</Text>
            <Text>{item.quantity}</Text>
          </View>
        ) : null}
        <View className="aftersale-row">
          <Text>退款原因</Text>
          <Text>{item.reason}</Text>
        </View>
        {item.returnCarrier ? (
          <View className="aftersale-row">
            <Text>退货物流</Text>
            <Text>
              {carrierName(item.returnCarrier)} {item.returnTrackingNo}
            </Text>
          </View>
        ) : null}
        <View className="aftersale-row">
          <Text>售后单号</Text>
          <Text>{item.aftersaleNo}</Text>
        </View>
        <View className="aftersale-row" onClick={() => toOrderDetail(item.orderId)}>
          <Text>订单编号</Text>
          <Text className="aftersale-order-link">{item.orderNo} ›</Text>
        </View>
      </View>

      {item.status === 'APPROVED' && item.type === 'RETURN_REFUND' ? (
        <View className="aftersale-section">
          <ReturnForm busy={busy} onSubmit={sendReturn} onInvalid={toast} />
        </View>
      ) : null}

      <View className="aftersale-section aftersale-timeline">
        <Text className="aftersale-section__title">售后进度</Text>
        {newestFirst.map((e, i) => (
          <View key={`${e.status}-${i}`} className={`aftersale-step ${i === 0 ? 'aftersale-step--latest' : ''}`}>
            <Text className="aftersale-step__status">{AFTERSALE_STATUS_TEXT[e.status]}</Text>
            {e.at ? <Text className="aftersale-step__at">{formatTime(e.at)}</Text> : null}
          </View>
        ))}
      </View>

      {item.status === 'REQUESTED' ? (
        <View className="aftersale-bar">
          <Button
            className="aftersale-bar__button aftersale-cancel"
            disabled={busy || undefined}
            onClick={() => void cancel()}
          >
            撤销申请
          </Button>
        </View>
      ) : null}
    </View>
  );
}
