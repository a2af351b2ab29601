import { z } from 'zod';

/** Stable error codes, DOMAIN_REASON. The HTTP status for each lives on the server. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_FLIGHT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'INTERNAL_ERROR',
  'WECHAT_LOGIN_FAILED',
  'WECHAT_UNAVAILABLE',
  'PRODUCT_NOT_FOUND',
  'CATEGORY_NOT_FOUND',
  // cart and addresses
  'CART_ITEM_NOT_FOUND',
  'CART_QUANTITY_LIMIT',
  'CART_FULL',
  'ADDRESS_NOT_FOUND',
  'ADDRESS_LIMIT_REACHED',
  // catalog administration
  'SKU_NOT_FOUND',
  'PRODUCT_OFF_SHELF',
  'CATEGORY_NOT_LEAF',
  'SKU_CODE_TAKEN',
  'SPEC_NAMES_MISMATCH',
  'SPEC_COMBINATION_TAKEN',
  'SKU_LIMIT_REACHED',
  'STOCK_LIMIT_EXCEEDED',
  'SHIPPING_TEMPLATE_NOT_FOUND',
  // orders and payment
  'ORDER_NOT_FOUND',
  'STOCK_INSUFFICIENT',
  'SKU_UNAVAILABLE',
  'PURCHASE_LIMIT_EXCEEDED',
  'ADDRESS_REQUIRED',
  'ORDER_NOT_CANCELLABLE',
  'ORDER_NOT_CONFIRMABLE',
  'ORDER_NOT_PAYABLE',
  'ORDER_TOO_LARGE',
  'COUPON_NOT_APPLICABLE',
  'POINTS_NOT_APPLICABLE',
  'GROUP_BUY_UNAVAILABLE',
  'PAYMENT_UNAVAILABLE',
  // after-sales, logistics, reviews and others
  'AFTERSALE_ALREADY_OPEN',
  'AFTERSALE_AMOUNT_TOO_HIGH',
  'AFTERSALE_NOT_ALLOWED',
  'AFTERSALE_NOT_FOUND',
  'AFTERSALE_QUANTITY_INVALID',
  'AFTERSALE_STATE_CONFLICT',
  'AFTERSALE_WINDOW_CLOSED',
  'ALREADY_REPLIED',
  'ALREADY_REVIEWED',
  'FOLLOW_UP_EXISTS',
  'NOTHING_TO_SHIP',
  'ORDER_LINE_NOT_FOUND',
  'ORDER_NOT_REVIEWABLE',
  'ORDER_NOT_SHIPPABLE',
  'REVIEW_LINE_UNKNOWN',
  'REVIEW_NOT_FOUND',
  'SHIPMENT_LINE_UNKNOWN',
  'SHIPMENT_QUANTITY_EXCEEDED',
  'TRACKING_NO_TAKEN',
  'WECHAT_PAY_RESPONSE_FORGED',
  'WECHAT_PAY_UNAVAILABLE',
  'WECHAT_SHIPPING_REJECTED',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The one error shape every endpoint returns. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One entry of `details.fields` in a VALIDATION_FAILED error. */
export const FieldIssue = z.object({ path: z.string(), message: z.string() });
export type FieldIssue = z.infer<typeof FieldIssue>;
