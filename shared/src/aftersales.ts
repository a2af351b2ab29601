import { z } from 'zod';
import { page, PageQuery } from './list';

/** 售后: refund only (仅退款) or return and refund (退货退款), per order line. */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Fen = z.number().int();

export const AFTERSALE_TYPES = ['REFUND', 'RETURN_REFUND'] as const;
export const AftersaleType = z.enum(AFTERSALE_TYPES);
export type AftersaleType = z.infer<typeof AftersaleType>;

/**
 * `REQUESTED -> APPROVED -> (RETURNING -> RECEIVED) -> REFUNDING -> REFUNDED`, or `REJECTED` by the
 * merchant, or `CANCELLED` by the buyer while still REQUESTED.
 */
export const AFTERSALE_STATUSES = [
  'REQUESTED',
  'APPROVED',
  'RETURNING',
  'RECEIVED',
  'REFUNDING',
  'REFUNDED',
  'REJECTED',
  'CANCELLED',
] as const;
export const AftersaleStatus = z.enum(AFTERSALE_STATUSES);
export type AftersaleStatus = z.infer<typeof AftersaleStatus>;

/** Body of POST /orders/:id/aftersales. */
export const AftersaleCreateRequest = z
  .object({
    lineId: Id,
    type: AftersaleType,
    /** Fen to refund: at least 1, at most what is still refundable on the line. */
    amount: z.number().int().min(1).max(2_147_483_647),
    /**
     * Units coming back (return and refund) or not to be shipped (refund before shipping); they
     * are restocked when the refund succeeds. Default: every unit not restocked yet for a return,
     * or for a refund before shipping; none for a refund after shipping.
     */
    quantity: z.number().int().min(0).max(999).optional(),
    reason: z.string().trim().min(1).max(200),
  })
  .strict();
export type AftersaleCreateRequest = z.infer<typeof AftersaleCreateRequest>;

export const AftersaleOrderIdParam = z.object({ id: Id }).strict();
export type AftersaleOrderIdParam = z.infer<typeof AftersaleOrderIdParam>;

export const AftersaleIdParam = z.object({ id: Id }).strict();
export type AftersaleIdParam = z.infer<typeof AftersaleIdParam>;

export const AftersaleListQuery = PageQuery.extend({ status: AftersaleStatus.optional() });
export type AftersaleListQuery = z.infer<typeof AftersaleListQuery>;

/** Body of POST /aftersales/:id/return: the parcel the buyer sent back. */
export const AftersaleReturnRequest = z
  .object({
    carrier: z.string().trim().min(1).max(32),
    trackingNo: z
      .string()
      .trim()
      .min(4)
      .max(64)
      .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes only'),
  })
  .strict();
export type AftersaleReturnRequest = z.infer<typeof AftersaleReturnRequest>;

/** Body of POST /admin/aftersales/:id/reject. */
export const AftersaleRejectRequest = z.object({ reason: z.string().trim().min(1).max(200) }).strict();
export type AftersaleRejectRequest = z.infer<typeof AftersaleRejectRequest>;

/** Body of the routes that take none (cancel, approve, receive): nothing, or `{}`. */
export const AftersaleNoBody = z.object({}).strict();
export type AftersaleNoBody = z.infer<typeof AftersaleNoBody>;

export const AftersaleTimelineEntry = z.object({
  status: AftersaleStatus,
  /** When the after-sale reached this state; null when not recorded (an intermediate step). */
  at: z.string().nullable(),
});
export type AftersaleTimelineEntry = z.infer<typeof AftersaleTimelineEntry>;

export const AftersaleView = z.object({
  id: z.string(),
  aftersaleNo: z.string(),
  orderId: z.string(),
  orderNo: z.string(),
  type: AftersaleType,
  status: AftersaleStatus,
  amount: Fen,
  quantity: z.number().int(),
  reason: z.string(),
  rejectReason: z.string().nullable(),
  returnCarrier: z.string().nullable(),
  returnTrackingNo: z.string().nullable(),
  line: z.object({
    id: z.string(),
    skuId: z.string(),
    title: z.string(),
    quantity: z.number().int(),
    paidAmount: Fen,
    refundedAmount: Fen,
  }),
  /** The WeChat refund, once the merchant approved the money going back. */
  refund: z
    .object({
      status: z.enum(['PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED']),
      amount: Fen,
      succeededAt: z.string().nullable(),
    })
    .nullable(),
  /** Something the buyer or the merchant should know (e.g. the refund failed and waits for a retry). */
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  timeline: z.array(AftersaleTimelineEntry),
});
export type AftersaleView = z.infer<typeof AftersaleView>;

export const AftersalePage = page(AftersaleView);
export type AftersalePage = z.infer<typeof AftersalePage>;
