import { z } from 'zod';
import { GroupBuyCampaignView, GroupView, MyGroupPage, type GroupStatus } from '@weshop/shared';
import { request } from './client';

/**
 * 拼团, the shopper's side: campaigns with their open groups, one group, and 我的拼团. Opening and
 * joining a group go through the order routes (`groupBuy` in `previewOrder` / `createOrder`).
 */

const CampaignList = z.array(GroupBuyCampaignView);

/** `GET /api/v1/groupbuys/campaigns?productId=`: the active campaigns (a product page asks for its own). */
export function listCampaigns(productId?: string): Promise<GroupBuyCampaignView[]> {
  return request('/api/v1/groupbuys/campaigns', CampaignList, { query: { productId } });
}

/** `GET /api/v1/groupbuys/campaigns/:id`: SKUs with group / leader prices, limits and the open groups. */
export function getCampaign(id: string): Promise<GroupBuyCampaignView> {
  return request(`/api/v1/groupbuys/campaigns/${encodeURIComponent(id)}`, GroupBuyCampaignView);
}

/** `GET /api/v1/groupbuys/groups/:id`: members, seats left, status and the caller's own order in it. */
export function getGroup(id: string): Promise<GroupView> {
  return request(`/api/v1/groupbuys/groups/${encodeURIComponent(id)}`, GroupView);
}

/** `GET /api/v1/groupbuys/mine?status=&page=` (我的拼团): the groups the caller opened or joined. */
export function listMyGroups(
  query: { status?: GroupStatus; page?: number; pageSize?: number } = {},
): Promise<MyGroupPage> {
  return request('/api/v1/groupbuys/mine', MyGroupPage, { query: { ...query } });
}
