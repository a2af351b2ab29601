import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen, type CheckoutCouponOption, type CheckoutCoupons } from '@weshop/shared';
import { couponReasonText, splitCheckoutCoupons, validityText } from '../../../../../utils/marketing';
import './index.scss';

interface CouponPickerProps {
  /** `/me/coupons/for-checkout` for this cart; null while loading. */
  coupons: CheckoutCoupons | null;
  /** The user coupon id sent with the preview, or null for 不使用优惠券. */
  selectedId: string | null;
  /** What the server's preview took off for the selected coupon. */
  couponDiscount: number | null;
  onChange: (couponId: string | null) => void;
}

function Option({
  option,
  selected,
  onPick,
}: {
  option: CheckoutCouponOption;
  selected: boolean;
  onPick?: () => void;
}) {
  const { coupon } = option;
  return (
    <View
      className={`coupon-option ${option.usable ? '' : 'coupon-option--disabled'} ${selected ? 'coupon-option--selected' : ''}`}
      data-id={coupon.id}
      data-usable={option.usable ? '1' : '0'}
      onClick={onPick}
    >
      <View className="coupon-option__main">
        <Text className="coupon-option__title">{coupon.title}</Text>
        <Text className="coupon-option__name">{coupon.name}</Text>
        <Text className="coupon-option__valid">{validityText(coupon.validFrom, coupon.validTo)}</Text>
      </View>
      <View className="coupon-option__side">
        {option.usable ? (
          <Text className="coupon-option__discount">-{formatFen(option.discount)}</Text>
        ) : (
          <Text className="coupon-option__reason">{couponReasonText(option.reason, option.reasonText)}</Text>
        )}
        {selected ? <Text className="coupon-option__check">✓</Text> : null}
      </View>
    </View>
  );
}

/**
 * 优惠券 at checkout: a row with the chosen coupon (or how many are usable) opening a sheet of the
 * usable coupons with what each takes off this cart, the unusable ones greyed with the reason, and
 * 不使用优惠券. The amounts are the server's (for-checkout and the preview).
 */
export function CouponPicker({ coupons, selectedId, couponDiscount, onChange }: CouponPickerProps) {
  const [open, setOpen] = useState(false);
  const { usable, unusable } = splitCheckoutCoupons(coupons?.items ?? []);

  let summary: string;
  if (!coupons) summary = '加载中…';
  else if (selectedId && couponDiscount !== null && couponDiscount > 0) summary = `-${formatFen(couponDiscount)}`;
  else if (selectedId) summary = '已选择';
  else if (usable.length > 0) summary = `${usable.length}张可用`;
  else summary = '无可用';

  const pick = (id: string | null) => {
    setOpen(false);
    if (id !== selectedId) onChange(id);
  };

  return (
    <>
      <View className="checkout-row coupon-picker" onClick={() => coupons && setOpen(true)}>
        <Text className="checkout-row__label">优惠券</Text>
        <Text
          className={`checkout-row__value ${selectedId ? 'checkout-row__value--active' : ''} coupon-picker__summary`}
        >
          {summary} ›
        </Text>
      </View>
      {open && coupons ? (
        <View className="coupon-sheet" onClick={() => setOpen(false)}>
          <View className="coupon-sheet__panel" onClick={(e) => e.stopPropagation()}>
            <View className="coupon-sheet__head">
              <Text className="coupon-sheet__title">选择优惠券</Text>
              <Text className="coupon-sheet__close" onClick={() => setOpen(false)}>
                ×
              </Text>
            </View>
            <View className="coupon-sheet__list">
              {usable.length > 0 ? <Text className="coupon-sheet__group">可用优惠券 ({usable.length})</Text> : null}
              {usable.map((o) => (
                <Option
                  key={o.coupon.id}
                  option={o}
                  selected={o.coupon.id === selectedId}
                  onPick={() => pick(o.coupon.id)}
                />
              ))}
              {unusable.length > 0 ? (
                <Text className="coupon-sheet__group">不可用优惠券 ({unusable.length})</Text>
              ) : null}
              {unusable.map((o) => (
                <Option key={o.coupon.id} option={o} selected={false} />
              ))}
              {coupons.items.length === 0 ? <Text className="coupon-sheet__empty">暂无优惠券</Text> : null}
            </View>
            <View
              className={`coupon-sheet__none ${selectedId ? '' : 'coupon-sheet__none--selected'}`}
              onClick={() => pick(null)}
            >
              <Text>不使用优惠券</Text>
            </View>
          </View>
        </View>
      ) : null}
    </>
  );
}
