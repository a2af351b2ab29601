import type { z } from 'zod';
import { ActivePromotions, PromotionView, type PromotionUpdateRequest } from '@weshop/shared';
import { request } from './client';

/**
 * `GET /api/v1/promotions/active`: what runs now, flash-sale SKUs with their product, price and quota
 * left; `upcoming`, the flash sales starting within 7 days (即将开始).
 */
export function getActivePromotions(): Promise<ActivePromotions> {
  return request('/api/v1/promotions/active', ActivePromotions);
}

/** What the console's 编辑 sends: only the fields that changed. */
export type PromotionUpdateBody = z.input<typeof PromotionUpdateRequest>;

/**
 * `PATCH /api/v1/admin/promotions/:id` (编辑, role ADMIN; beside the console's other promotion calls in
 * admin-marketing.ts): everything before the start, the title, the end and raised flash-sale quotas
 * while it runs; refusals name their field.
 */
export function updatePromotion(id: string, body: PromotionUpdateBody): Promise<PromotionView> {
  return request(`/api/v1/admin/promotions/${encodeURIComponent(id)}`, PromotionView, { method: 'PATCH', body });
}
