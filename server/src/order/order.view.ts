import type { OrderAddress, OrderView } from '@weshop/shared';
import type { OrderLineFact } from '../infra/events/domain-events';
import { specsFromJson } from '../catalog/spec.policy';
import { mediaUrl } from '../media/media-url';
import type { PlacedOrderRow } from './order.repository';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function addressOf(value: unknown): OrderAddress {
  const a = (value ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : '');
  return {
    name: s('name'),
    phone: s('phone'),
    province: s('province'),
    city: s('city'),
    district: s('district'),
    detail: s('detail'),
  };
}

function shipmentItems(value: unknown): Array<{ lineId: string; quantity: number }> {
  return Array.isArray(value)
    ? value
        .filter((i): i is { lineId: number; quantity: number } => typeof i === 'object' && i !== null)
        .map((i) => ({ lineId: String(i.lineId), quantity: Number(i.quantity) }))
    : [];
}

/** The order as the API shows it (money in fen, ids as strings, times ISO-8601). */
export function toOrderView(row: PlacedOrderRow, publicBaseUrl: string): OrderView {
  return {
    id: String(row.id),
    orderNo: row.orderNo,
    status: row.status,
    kind: row.kind,
    lines: row.lines.map((line) => ({
      id: String(line.id),
      productId: String(line.productId),
      skuId: String(line.skuId),
      title: line.title,
      image: line.image ? mediaUrl(publicBaseUrl, line.image) : '',
      specs: specsFromJson(line.specs),
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      goodsAmount: line.goodsAmount,
      discountAmount: line.discountAmount,
      couponDiscount: line.couponDiscount,
      pointsDeduction: line.pointsDeduction,
      paidAmount: line.paidAmount,
      refundedAmount: line.refundedAmount,
      isGift: line.giftOfPromotionId !== null,
    })),
    goodsAmount: row.goodsAmount,
    discountAmount: row.discountAmount,
    couponDiscount: row.couponDiscount,
    pointsDeduction: row.pointsDeduction,
    pointsUsed: row.pointsUsed,
    shippingFee: row.shippingFee,
    payable: row.payable,
    refundedAmount: row.refundedAmount,
    address: addressOf(row.address),
    remark: row.remark,
    expiresAt: row.expiresAt.toISOString(),
    paidAt: iso(row.paidAt),
    shippedAt: iso(row.shippedAt),
    autoConfirmAt: iso(row.autoConfirmAt),
    completedAt: iso(row.completedAt),
    aftersaleDeadline: iso(row.aftersaleDeadline),
    cancelledAt: iso(row.cancelledAt),
    cancelReason: row.cancelReason,
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
    timeline: row.events.map((e) => ({
      status: e.toStatus,
      from: e.fromStatus,
      actor: e.actor,
      note: e.note,
      at: e.at.toISOString(),
    })),
    shipments: row.shipments.map((s) => ({
      id: String(s.id),
      carrier: s.carrier,
      trackingNo: s.trackingNo,
      items: shipmentItems(s.items),
      shippedAt: s.shippedAt.toISOString(),
    })),
  };
}

/** A line as the domain events carry it (activity is filled by the publisher that knows it). */
export function lineFact(line: {
  id: number;
  productId: number;
  skuId: number;
  title: string;
  quantity: number;
  paidAmount: number;
  refundedAmount: number;
}): Omit<OrderLineFact, 'activity'> {
  return {
    lineId: line.id,
    productId: line.productId,
    skuId: line.skuId,
    title: line.title,
    quantity: line.quantity,
    paidAmount: line.paidAmount,
    refundedAmount: line.refundedAmount,
  };
}
