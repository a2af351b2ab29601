import { OrderReviewList, ProductReviewPage, ReviewView, ShopDsr, type ReviewCreateRequest } from '@weshop/shared';
import { request } from './client';

/** The body of 发表评价: `text` and `images` may be left out (the server defaults them). */
export type ReviewDraft = Omit<ReviewCreateRequest, 'text' | 'images'> & { text?: string; images?: string[] };

/** `POST /api/v1/orders/:id/reviews`: one review per line of a completed order. */
export function writeReview(orderId: string, body: ReviewDraft): Promise<ReviewView> {
  return request(`/api/v1/orders/${encodeURIComponent(orderId)}/reviews`, ReviewView, {
    method: 'POST',
    body: { text: '', images: [], ...body },
  });
}

/** `GET /api/v1/orders/:id/reviews`: the caller's reviews of that order (which lines are reviewed). */
export function listOrderReviews(orderId: string): Promise<OrderReviewList> {
  return request(`/api/v1/orders/${encodeURIComponent(orderId)}/reviews`, OrderReviewList);
}

/** `GET /api/v1/products/:id/reviews?page=` (public). */
export function listProductReviews(productId: string, query: { page?: number; pageSize?: number } = {}) {
  return request(`/api/v1/products/${encodeURIComponent(productId)}/reviews`, ProductReviewPage, {
    query: { ...query },
    auth: false,
  });
}

/** `GET /api/v1/shop/dsr`: the shop's 180-day scores 商品 / 物流 / 服务. */
export function getShopDsr(): Promise<ShopDsr> {
  return request('/api/v1/shop/dsr', ShopDsr, { auth: false });
}
