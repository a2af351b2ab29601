import { z } from 'zod';
import { page, PageQuery } from './list';

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Fen = z.number().int();

export const ORDER_STATUSES = [
  'PENDING_PAYMENT',
  'PAID',
  'GROUPING',
  'TO_SHIP',
  'SHIPPED',
  'COMPLETED',
  'CANCELLED',
  'CLOSED',
] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderItemInput = z
  .object({
    skuId: Id,
    quantity: z.number().int().min(1).max(999),
  })
  .strict();

/** Body of POST /orders/preview and POST /orders. */
export const OrderPreviewRequest = z
  .object({
    items: z.array(OrderItemInput).min(1).max(50),
    addressId: Id.optional(),
    couponId: Id.optional(),
    pointsToUse: z.number().int().min(0).max(100_000_000).optional(),
    groupBuy: z.object({ campaignId: Id, groupId: Id.optional() }).strict().optional(),
    /** The items come from the cart: they leave it when the order is created. */
    fromCart: z.boolean().optional(),
    remark: z.string().max(200).optional(),
  })
  .strict()
  .refine((body) => new Set(body.items.map((i) => i.skuId)).size === body.items.length, {
    message: 'each SKU may appear once',
    path: ['items'],
  });
export type OrderPreviewRequest = z.infer<typeof OrderPreviewRequest>;

export const OrderCreateRequest = OrderPreviewRequest;
export type OrderCreateRequest = OrderPreviewRequest;

export const PricedLineView = z.object({
  skuId: z.string(),
  productId: z.string(),
  title: z.string(),
  image: z.string(),
  specs: z.record(z.string(), z.string()),
  quantity: z.number().int(),
  /** SKU price (fen). */
  skuPrice: Fen,
  /** Price per unit after activity / member prices (fen). */
  unitPrice: Fen,
  goodsAmount: Fen,
  discountAmount: Fen,
  couponDiscount: Fen,
  pointsDeduction: Fen,
  paidAmount: Fen,
  /** 赠品 (满赠, 买X送Y): priced 0, paid 0. */
  isGift: z.boolean(),
});
export type PricedLineView = z.infer<typeof PricedLineView>;

export const DiscountView = z.object({ type: z.string(), label: z.string(), amount: Fen });

/** Something the buyer should know about the breakdown, e.g. a 满赠 whose gift is gone ("赠品已送完"). */
export const PricingNotice = z.object({ type: z.string(), label: z.string(), message: z.string() });
export type PricingNotice = z.infer<typeof PricingNotice>;

/** The full breakdown: the mini-program shows exactly what the server will charge. */
export const OrderPreview = z.object({
  lines: z.array(PricedLineView),
  goodsAmount: Fen,
  discounts: z.array(DiscountView),
  discountAmount: Fen,
  couponDiscount: Fen,
  pointsDeduction: Fen,
  pointsUsed: z.number().int(),
  shippingFee: Fen,
  payable: Fen,
  notices: z.array(PricingNotice),
});
export type OrderPreview = z.infer<typeof OrderPreview>;

export const OrderAddress = z.object({
  name: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
});
export type OrderAddress = z.infer<typeof OrderAddress>;

export const OrderLineView = z.object({
  id: z.string(),
  productId: z.string(),
  skuId: z.string(),
  title: z.string(),
  image: z.string(),
  specs: z.record(z.string(), z.string()),
  unitPrice: Fen,
  quantity: z.number().int(),
  goodsAmount: Fen,
  discountAmount: Fen,
  couponDiscount: Fen,
  pointsDeduction: Fen,
  paidAmount: Fen,
  refundedAmount: Fen,
  /** 赠品 (满赠, 买X送Y): priced 0, nothing to refund. */
  isGift: z.boolean(),
});
export type OrderLineView = z.infer<typeof OrderLineView>;

export const OrderTimelineEntry = z.object({
  status: OrderStatus,
  from: OrderStatus.nullable(),
  actor: z.string(),
  note: z.string(),
  at: z.string(),
});

export const ShipmentView = z.object({
  id: z.string(),
  carrier: z.string(),
  trackingNo: z.string(),
  items: z.array(z.object({ lineId: z.string(), quantity: z.number().int() })),
  shippedAt: z.string(),
});
export type ShipmentView = z.infer<typeof ShipmentView>;

export const OrderView = z.object({
  id: z.string(),
  orderNo: z.string(),
  status: OrderStatus,
  kind: z.enum(['NORMAL', 'GROUP_BUY', 'FLASH_SALE']),
  lines: z.array(OrderLineView),
  goodsAmount: Fen,
  discountAmount: Fen,
  couponDiscount: Fen,
  pointsDeduction: Fen,
  pointsUsed: z.number().int(),
  shippingFee: Fen,
  payable: Fen,
  refundedAmount: Fen,
  address: OrderAddress,
  remark: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  shippedAt: z.string().nullable(),
  autoConfirmAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  aftersaleDeadline: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  timeline: z.array(OrderTimelineEntry),
  shipments: z.array(ShipmentView),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderListQuery = PageQuery.extend({ status: OrderStatus.optional() });
export type OrderListQuery = z.infer<typeof OrderListQuery>;
export const OrderPage = page(OrderView);
export type OrderPage = z.infer<typeof OrderPage>;

export const OrderIdParam = z.object({ id: Id }).strict();
export type OrderIdParam = z.infer<typeof OrderIdParam>;

export const CancelOrderRequest = z.object({ reason: z.string().max(64).optional() }).strict();
export type CancelOrderRequest = z.infer<typeof CancelOrderRequest>;
