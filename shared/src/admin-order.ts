import { z } from 'zod';
import { PageQuery, page } from './list';
import { OrderStatus, OrderView } from './order';

/** GET /admin/orders: every buyer's orders, newest first; `q` is an order number (or its prefix) or a phone. */
export const AdminOrderListQuery = PageQuery.extend({
  status: OrderStatus.optional(),
  q: z.string().trim().min(1).max(32).optional(),
}).strict();
export type AdminOrderListQuery = z.infer<typeof AdminOrderListQuery>;

export const AdminOrderIdParam = z.object({ id: z.string().regex(/^\d{1,10}$/, 'must be a numeric id') }).strict();
export type AdminOrderIdParam = z.infer<typeof AdminOrderIdParam>;

export const OrderBuyer = z.object({ id: z.string(), nickname: z.string(), phone: z.string().nullable() });

/** An order as the merchant sees it: the buyer's view plus who bought. */
export const AdminOrderView = OrderView.extend({ buyer: OrderBuyer });
export type AdminOrderView = z.infer<typeof AdminOrderView>;

export const AdminOrderPage = page(AdminOrderView);
export type AdminOrderPage = z.infer<typeof AdminOrderPage>;

/** 发货信息录入 state of the order on WeChat's side. */
export const WechatShippingView = z.object({
  status: z.enum(['PENDING', 'UPLOADED', 'FAILED']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  uploadedAt: z.string().nullable(),
});

/** GET /admin/orders/:id and the answer of a shipment: plus what is left to ship. */
export const AdminOrderDetail = AdminOrderView.extend({
  /** Units still to put in a parcel (refunded-before-shipping units excluded). */
  unshipped: z.array(z.object({ lineId: z.string(), quantity: z.number().int() })),
  wechatShipping: WechatShippingView.nullable(),
});
export type AdminOrderDetail = z.infer<typeof AdminOrderDetail>;
