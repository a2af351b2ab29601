import { z } from 'zod';
import { PageQuery, page } from './list';

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Score = z.number().int().min(1).max(5);
const ImageUrl = z.url({ protocol: /^https?$/ }).max(512);
const Images = z.array(ImageUrl).max(9);

/** Body of POST /orders/:id/reviews: one review per order line, after completion. */
export const ReviewCreateRequest = z
  .object({
    lineId: Id,
    productScore: Score,
    logisticsScore: Score,
    serviceScore: Score,
    text: z.string().max(500).default(''),
    images: Images.default([]),
  })
  .strict();
export type ReviewCreateRequest = z.infer<typeof ReviewCreateRequest>;

/** Body of POST /reviews/:id/follow-up (追评, once). */
export const ReviewFollowUpRequest = z
  .object({ text: z.string().trim().min(1).max(500), images: Images.default([]) })
  .strict();
export type ReviewFollowUpRequest = z.infer<typeof ReviewFollowUpRequest>;

/** Body of POST /admin/reviews/:id/reply (商家回复, once). */
export const ReviewReplyRequest = z.object({ text: z.string().trim().min(1).max(500) }).strict();
export type ReviewReplyRequest = z.infer<typeof ReviewReplyRequest>;

export const ReviewIdParam = z.object({ id: Id }).strict();
export type ReviewIdParam = z.infer<typeof ReviewIdParam>;

export const ProductReviewQuery = PageQuery.strict();
export type ProductReviewQuery = z.infer<typeof ProductReviewQuery>;

export const ReviewView = z.object({
  id: z.string(),
  orderId: z.string(),
  lineId: z.string(),
  productId: z.string(),
  specs: z.record(z.string(), z.string()),
  productScore: z.number().int(),
  logisticsScore: z.number().int(),
  serviceScore: z.number().int(),
  text: z.string(),
  images: z.array(z.string()),
  followUp: z.object({ text: z.string(), images: z.array(z.string()), at: z.string() }).nullable(),
  reply: z.object({ text: z.string(), at: z.string() }).nullable(),
  createdAt: z.string(),
});
export type ReviewView = z.infer<typeof ReviewView>;

/** A review as everyone sees it under a product: the reviewer's nickname masked (`A***e`). */
export const PublicReviewView = ReviewView.omit({ orderId: true, lineId: true }).extend({
  reviewer: z.object({ nickname: z.string(), avatar: z.string() }),
});
export type PublicReviewView = z.infer<typeof PublicReviewView>;

export const ProductReviewPage = page(PublicReviewView);
export type ProductReviewPage = z.infer<typeof ProductReviewPage>;

/** GET /orders/:id/reviews: the caller's reviews of that order (which lines are reviewed). */
export const OrderReviewList = z.object({ items: z.array(ReviewView) });
export type OrderReviewList = z.infer<typeof OrderReviewList>;

/** GET /shop/dsr: 180-day averages of the three scores (2 decimals); 5 each when there are none. */
export const ShopDsr = z.object({
  product: z.number(),
  logistics: z.number(),
  service: z.number(),
  count: z.number().int().nonnegative(),
});
export type ShopDsr = z.infer<typeof ShopDsr>;
