import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import {
  formatFen,
  type AddressView,
  type CheckoutCoupons,
  type OrderPreview,
  type OrderPreviewRequest,
  type PointsSummary,
} from '@weshop/shared';
import { listAddresses } from '../../../api/address';
import { getCart } from '../../../api/cart';
import { ApiError, errorMessage } from '../../../api/client';
import { couponsForCheckout, getPointsSummary } from '../../../api/marketing';
import { createOrder, previewOrder } from '../../../api/orders';
import { Empty } from '../../../components/empty';
import { groupBuyChoiceFromQuery, groupBuyErrorText } from '../../../utils/groupbuy';
import { newIdempotencyKey } from '../../../utils/idempotency';
import { allowedPoints, checkoutErrorText, refusedCouponReason } from '../../../utils/marketing';
import {
  ADDRESS_SELECTED,
  decodeCheckoutItems,
  toAddressEdit,
  toAddressList,
  toOrderDetail,
  toOrderList,
} from '../../../utils/route';
import { askToSubscribe, preloadSubscribeTemplates } from '../../../utils/subscribe';
import { showCartBadge } from '../../../utils/tab-badge';
import { AmountBreakdown } from '../components/amount-breakdown';
import { OrderLines } from '../components/order-lines';
import { usePay } from '../components/pay/use-pay';
import { AddressCard } from './components/address-card';
import { CouponPicker } from './components/coupon-picker';
import { GroupBuyNote } from './components/group-buy-note';
import { PointsToggle } from './components/points-toggle';
import './index.scss';

/**
 * 确认订单: address, the lines and the server's full breakdown (`/orders/preview`), remark, and
 * 提交订单. The Idempotency-Key is made when the page opens and sent with every retry, so however
 * often 提交订单 is tapped (or retried after a lost answer) there is one order. With `gb` (and
 * `group`) in the query the order opens (or joins) a group: `groupBuy` goes with preview and creation.
 * 优惠券 and 积分抵扣: the coupon picker lists `/me/coupons/for-checkout` (the best one preselected) and
 * the points toggle asks for the balance, then the allowed amount the server names when it refuses
 * more; both go as `couponId` / `pointsToUse` with a new preview on every change.
 */
export default function ConfirmOrderPage() {
  const params = useRouter().params;
  const items = useMemo(() => decodeCheckoutItems(params.items), [params.items]);
  const fromCart = params.fromCart === '1';
  const groupBuy = useMemo(
    () => groupBuyChoiceFromQuery({ gb: params.gb, group: params.group }),
    [params.gb, params.group],
  );
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey());

  const [addresses, setAddresses] = useState<AddressView[] | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [preview, setPreview] = useState<OrderPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [remark, setRemark] = useState('');
  const [submitting, setSubmitting] = useState(false);
  // 优惠券: the options for this cart; the chosen coupon (null = none), and whether the buyer chose it.
  const [coupons, setCoupons] = useState<CheckoutCoupons | null>(null);
  const [couponsSettled, setCouponsSettled] = useState(false);
  const [couponId, setCouponId] = useState<string | null>(null);
  const [couponChosen, setCouponChosen] = useState(false);
  // 积分: the balance; the toggle; the points asked for (the balance, then what the server allows).
  const [points, setPoints] = useState<PointsSummary | null>(null);
  const [usePoints, setUsePoints] = useState(false);
  const [pointsAsked, setPointsAsked] = useState(0);
  const [pointsUnavailable, setPointsUnavailable] = useState<string | null>(null);
  // The request the shown preview answers: 提交订单 waits until it is the one to be sent.
  const [previewedFor, setPreviewedFor] = useState<OrderPreviewRequest | null>(null);
  const { pay, sheet } = usePay({ onCancelled: (orderId) => toOrderDetail(orderId, true) });

  // Reload the address book whenever the page shows (back from adding or picking one).
  useDidShow(() => {
    void preloadSubscribeTemplates();
    getPointsSummary().then(setPoints, () => setPoints(null));
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

  const couponChosenRef = useRef(couponChosen);
  couponChosenRef.current = couponChosen;
  // The coupons for this cart; the best one is preselected until the buyer picks (or drops) one.
  useEffect(() => {
    if (!body) return;
    let stale = false;
    couponsForCheckout(body)
      .then((list) => {
        if (stale) return;
        setCoupons(list);
        setCouponId((current) =>
          couponChosenRef.current && (current === null || list.items.some((o) => o.usable && o.coupon.id === current))
            ? current
            : list.bestCouponId,
        );
      })
      .catch(() => !stale && setCoupons({ items: [], bestCouponId: null }))
      .finally(() => !stale && setCouponsSettled(true));
    return () => {
      stale = true;
    };
  }, [body]);
  const pointsToUse = usePoints && pointsAsked > 0 ? pointsAsked : 0;
  const priced: OrderPreviewRequest | null = useMemo(
    () => body && { ...body, ...(couponId ? { couponId } : {}), ...(pointsToUse > 0 ? { pointsToUse } : {}) },
    [body, couponId, pointsToUse],
  );

  useEffect(() => {
    if (!priced || addresses === null || !couponsSettled) return;
    let stale = false;
    previewOrder(priced)
      .then((p) => {
        if (stale) return;
        setPreview(p);
        setPreviewedFor(priced);
        setPreviewError(null);
      })
      .catch((e: unknown) => {
        if (stale) return;
        const allowed = allowedPoints(e);
        if (allowed !== null) {
          // Fewer points than asked: ask for what the server allows, or none.
          if (allowed > 0 && allowed < (priced.pointsToUse ?? 0)) setPointsAsked(allowed);
          else {
            setUsePoints(false);
            setPointsUnavailable('本单不可使用积分');
          }
          return;
        }
        if (refusedCouponReason(e) !== null) {
          void Taro.showToast({ title: checkoutErrorText(e), icon: 'none' });
          setCouponChosen(true);
          setCouponId(null);
          return;
        }
        setPreviewError(groupBuyErrorText(e));
      });
    return () => {
      stale = true;
    };
  }, [priced, addresses, couponsSettled]);

  const pickCoupon = (id: string | null) => {
    setCouponChosen(true);
    setCouponId(id);
    // The points allowed depend on what the coupon leaves: ask again from the balance.
    if (usePoints) setPointsAsked(points?.available ?? 0);
    setPointsUnavailable(null);
  };

  const togglePoints = (on: boolean) => {
    setUsePoints(on);
    setPointsUnavailable(null);
    setPointsAsked(on ? (points?.available ?? 0) : 0);
  };

  if (!body) return <Empty text="没有要结算的商品" />;

  const address = addresses?.find((a) => a.id === addressId) ?? null;

  const submit = async () => {
    if (submitting || !preview || previewedFor !== priced) return;
    // 订阅消息 must be asked inside the tap, before anything is awaited.
    const subscribed = askToSubscribe(groupBuy && !groupBuy.groupId ? 'GROUP_JOIN' : 'ORDER_PAY');
    setSubmitting(true);
    try {
      const order = await createOrder(
        { ...(priced ?? body), ...(remark.trim() ? { remark: remark.trim() } : {}) },
        idempotencyKey,
      );
      if (fromCart)
        getCart().then(
          (c) => showCartBadge(c.count),
          () => undefined,
        );
      await subscribed;
      await pay(order.id, order.payable);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IDEMPOTENCY_KEY_REUSED') {
        // An earlier tap already placed the order with other details: show it rather than place a second.
        void Taro.showToast({ title: '订单已提交，请在订单列表查看', icon: 'none' });
        toOrderList('PENDING_PAYMENT');
      } else if (e instanceof ApiError && (e.code === 'COUPON_NOT_APPLICABLE' || e.code === 'POINTS_NOT_APPLICABLE')) {
        // Refused before any order existed: show why, price again, and the next tap is a new intent.
        void Taro.showToast({ title: checkoutErrorText(e), icon: 'none' });
        setIdempotencyKey(newIdempotencyKey());
        if (e.code === 'COUPON_NOT_APPLICABLE') pickCoupon(null);
        else togglePoints(usePoints);
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
              key: l.isGift ? `gift-${l.skuId}` : l.skuId,
              title: l.title,
              image: l.image,
              specs: l.specs,
              unitPrice: l.unitPrice,
              quantity: l.quantity,
              isGift: l.isGift,
            }))}
          />
          {preview.notices.map((n) => (
            <View key={`${n.type}-${n.label}`} className="confirm__notice">
              {n.label}：{n.message}
            </View>
          ))}
          <CouponPicker
            coupons={coupons}
            selectedId={couponId}
            couponDiscount={preview.couponDiscount}
            onChange={pickCoupon}
          />
          <PointsToggle
            summary={points}
            on={usePoints}
            preview={preview}
            unavailable={pointsUnavailable}
            onChange={togglePoints}
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
          disabled={!preview || previewedFor !== priced || submitting || undefined}
          onClick={() => void submit()}
        >
          {submitting ? '提交中…' : '提交订单'}
        </Button>
      </View>
      {sheet}
    </View>
  );
}
