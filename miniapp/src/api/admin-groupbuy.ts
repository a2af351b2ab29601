import type { z } from 'zod';
import {
  CampaignResultPage,
  CampaignResultView,
  type CampaignAdminQuery,
  type CampaignCreateRequest,
} from '@weshop/shared';
import { request } from './client';

/**
 * The manager's side of 拼团: the shop's campaigns (role ADMIN) and a community's own campaigns (its
 * managers). The server answers 403 to anyone else, whatever the client shows.
 */

/** What a form sends: the contract's defaults (limits 1, no 模拟成团, …) may be left out. */
export type CampaignCreateBody = z.input<typeof CampaignCreateRequest>;
type CampaignListQuery = Partial<Pick<CampaignAdminQuery, 'status' | 'page'>>;

/** `GET /api/v1/admin/groupbuys/campaigns?status=&page=`: campaigns with their results, newest first. */
export function listAdminCampaigns(query: CampaignListQuery = {}): Promise<CampaignResultPage> {
  return request('/api/v1/admin/groupbuys/campaigns', CampaignResultPage, { query: { ...query } });
}

/** `POST /api/v1/admin/groupbuys/campaigns` (新建拼团活动): 201 with the campaign's (empty) results. */
export function createCampaign(body: CampaignCreateBody): Promise<CampaignResultView> {
  return request('/api/v1/admin/groupbuys/campaigns', CampaignResultView, { method: 'POST', body });
}

/** `POST /api/v1/admin/groupbuys/campaigns/:id/disable` (停用活动). */
export function disableCampaign(id: string): Promise<CampaignResultView> {
  return request(`/api/v1/admin/groupbuys/campaigns/${encodeURIComponent(id)}/disable`, CampaignResultView, {
    method: 'POST',
    body: {},
  });
}

/** `GET /api/v1/manage/communities/:communityId/groupbuys`: a community's own campaigns (its managers). */
export function listCommunityCampaigns(
  communityId: string,
  query: CampaignListQuery = {},
): Promise<CampaignResultPage> {
  return request(`/api/v1/manage/communities/${encodeURIComponent(communityId)}/groupbuys`, CampaignResultPage, {
    query: { ...query },
  });
}

/** `POST /api/v1/manage/communities/:communityId/groupbuys`: a community-only campaign. */
export function createCommunityCampaign(communityId: string, body: CampaignCreateBody): Promise<CampaignResultView> {
  return request(`/api/v1/manage/communities/${encodeURIComponent(communityId)}/groupbuys`, CampaignResultView, {
    method: 'POST',
    body,
  });
}
