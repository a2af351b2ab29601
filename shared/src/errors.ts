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
