import { ActivePromotions } from '@weshop/shared';
import { request } from './client';

/** `GET /api/v1/promotions/active`: what runs now; flash-sale SKUs with their product, price and quota left. */
export function getActivePromotions(): Promise<ActivePromotions> {
  return request('/api/v1/promotions/active', ActivePromotions);
}
