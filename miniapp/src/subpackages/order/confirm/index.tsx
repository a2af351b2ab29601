import { useEffect, useMemo, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { formatFen, type AddressView, type OrderPreview, type OrderPreviewRequest } from '@weshop/shared';
import { listAddresses } from '../../../api/address';
import { getCart } from '../../../api/cart';
import { ApiError, errorMessage } from '../../../api/client';
import { createOrder, previewOrder } from '../../../api/orders';
import { Empty } from '../../../components/empty';
import { groupBuyChoiceFromQuery, groupBuyErrorText } from '../../../utils/groupbuy';
import { newIdempotencyKey } from '../../../utils/idempotency';
import {
  ADDRESS_SELECTED,
  decodeCheckoutItems,
  toAddressEdit,
  toAddressList,
  toOrderDetail,
  toOrderList,
} from '../../../utils/route';
import { showCartBadge } from '../../../utils/tab-badge';
import { AmountBreakdown } from '../components/amount-breakdown';
import { OrderLines } from '../components/order-lines';
import { usePay } from '../components/pay/use-pay';
import { AddressCard } from './components/address-card';
import { GroupBuyNote } from './components/group-buy-note';
import './index.scss';

/**
 * 确认订单: address, the lines and the server's full breakdown (`/orders/preview`), remark, and
 * 提交订单. The Idempotency-Key is made when the page opens and sent with every retry, so however
 * often 提交订单 is tapped (or retried after a lost answer) there is one order. With `gb` (and
 * `group`) in the query the order opens (or joins) a group: `groupBuy` goes with preview and creation.
 */
export default function ConfirmOrderPage() {
  const params = useRouter().params;
  const items = useMemo(() => decodeCheckoutItems(params.items), [params.items]);
  const fromCart = params.fromCart === '1';
  const groupBuy = useMemo(
    () => groupBuyChoiceFromQuery({ gb: params.gb, group: params.group }),
    [params.gb, params.group],
  );
  const [idempotencyKey] = useState(() => newIdempotencyKey());

  const [addresses, setAddresses] = useState<AddressView[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [preview, setPreview] = useState<OrderPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [remark, setRemark] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const { pay, sheet } = usePay({ onCancelled: (orderId) => toOrderDetail(orderId, true) });

  // Reload the address book whenever the page shows (back from adding or picking one).
  useDidShow(() => {
    listAddresses()
      .then((list) => setAddresses(list.items))
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }));
  });

  // Keep the chosen address if it still exists, else the default (the server lists it first).
  useEffect(() => {
    if (!addresses) return;
    setAddressId((current) =>
      current && addresses.some((a) => a.id === current) ? current : (addresses[0]?.id ?? null),
    );
  }, [addresses]);

  useEffect(() => {
    const picked = (id: string) => setAddressId(id);
    Taro.eventCenter.on(ADDRESS_SELECTED, picked);
    return () => void Taro.eventCenter.off(ADDRESS_SELECTED, picked);
  }, []);

  const body: OrderPreviewRequest | null = useMemo(
    () =>
      items.length === 0
        ? null
        : {
            items,
            ...(addressId ? { addressId } : {}),
            ...(fromCart ? { fromCart: true } : {}),
            ...(groupBuy ? { groupBuy } : {}),
          },
    [items, addressId, fromCart, groupBuy],
  );

  useEffect(() => {
    if (!body || addresses === null) return;
    let stale = false;
    previewOrder(body)
      .then((p) => {
        if (stale) return;
        setPreview(p);
        setPreviewError(null);
      })
      .catch((e: unknown) => !stale && setPreviewError(groupBuyErrorText(e)));
    return () => {
      stale = true;
    };
  }, [body, addresses]);

  if (!body) return <Empty text="没有要结算的商品" />;

  const address = addresses?.find((a) => a.id === addressId) ?? null;

  const submit = async () => {
    if (submitting || !preview) return;
    setSubmitting(true);
    try {
      const order = await createOrder({ ...body, ...(remark.trim() ? { remark: remark.trim() } : {}) }, idempotencyKey);
      if (fromCart)
        getCart().then(
          (c) => showCartBadge(c.count),
          () => undefined,
        );
      await pay(order.id, order.payable);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_REUSED') {
        // An earlier tap already placed the order with other details: show it rather than place a second.
        void Taro.showToast({ title: '订单已提交，请在订单列表查看', icon: 'none' });
        toOrderList('PENDING_PAYMENT');
      } else {
        void Taro.showToast({ title: groupBuyErrorText(e), icon: 'none' });
      }
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <View className="confirm">
      <AddressCard address={address} onPick={() => toAddressList(true)} onAdd={() => toAddressEdit()} />

      {groupBuy ? <GroupBuyNote choice={groupBuy} lines={preview?.lines ?? null} /> : null}
      {previewError ? <View className="confirm__error">{previewError}</View> : null}
      {preview ? (
        <>
          <OrderLines
            lines={preview.lines.map((l) => ({
              key: l.skuId,
              title: l.title,
              image: l.image,
              specs: l.specs,
              unitPrice: l.unitPrice,
              quantity: l.quantity,
            }))}
          />
          <View className="confirm__section">
            <AmountBreakdown amounts={preview} />
          </View>
        </>
      ) : previewError ? null : (
        <View className="confirm__loading">计算中…</View>
      )}

      <View className="confirm__remark">
        <Text className="confirm__remark-label">备注</Text>
        <Input
          className="confirm__remark-input"
          value={remark}
          maxlength={200}
          placeholder="选填，给商家留言"
          onInput={(e) => setRemark(e.detail.value)}
        />
      </View>

      <View className="confirm-bar">
        <Text className="confirm-bar__label">应付</Text>
        <Text className="confirm-bar__payable">{preview ? formatFen(preview.payable) : '--'}</Text>
        <Button
          className="confirm-bar__submit"
          disabled={!preview || submitting || undefined}
          onClick={() => void submit()}
        >
          {submitting ? '提交中…' : '提交订单'}
        </Button>
      </View>
      {sheet}
    </View>
  );
}
