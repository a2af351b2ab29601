import { Text, View } from '@tarojs/components';
import { formatFen, type Fen } from '@weshop/shared';
import './index.scss';

/** The server's amounts, as `/orders/preview` or an order returns them. */
export interface Amounts {
  goodsAmount: Fen;
  /** Each activity / promotion discount with the server's label. */
  discounts: { label: string; amount: Fen }[];
  couponDiscount: Fen;
  pointsDeduction: Fen;
  shippingFee: Fen;
  payable: Fen;
}

interface AmountBreakdownProps {
  amounts: Amounts;
  /** 应付 on the confirm page, 实付 on a placed order. */
  payableLabel?: string;
}

function Row({ label, value, kind }: { label: string; value: string; kind: string }) {
  return (
    <View className={`breakdown__row breakdown__row--${kind}`}>
      <Text className="breakdown__label">{label}</Text>
      <Text className="breakdown__value">{value}</Text>
    </View>
  );
}

/**
 * 金额明细: every figure comes from the server and is only formatted here (formatFen). Nothing is
 * added up: 应付 is the server's `payable`, even if the rows seem to say otherwise.
 */
export function AmountBreakdown({ amounts, payableLabel = '应付' }: AmountBreakdownProps) {
  return (
    <View className="breakdown">
      <Row kind="goods" label="商品金额" value={formatFen(amounts.goodsAmount)} />
      {amounts.discounts.map((d, i) => (
        <Row key={`${d.label}-${i}`} kind="discount" label={d.label} value={`-${formatFen(d.amount)}`} />
      ))}
      {amounts.couponDiscount > 0 ? (
        <Row kind="coupon" label="优惠券" value={`-${formatFen(amounts.couponDiscount)}`} />
      ) : null}
      {amounts.pointsDeduction > 0 ? (
        <Row kind="points" label="积分抵扣" value={`-${formatFen(amounts.pointsDeduction)}`} />
      ) : null}
      <Row kind="shipping" label="运费" value={amounts.shippingFee > 0 ? formatFen(amounts.shippingFee) : '包邮'} />
      <Row kind="payable" label={payableLabel} value={formatFen(amounts.payable)} />
    </View>
  );
}
