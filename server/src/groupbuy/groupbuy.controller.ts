import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  AftersaleNoBody,
  CampaignAdminQuery,
  CampaignCreateRequest,
  CampaignIdParam,
  CampaignListQuery,
  GroupBuyCommunityParam,
  GroupIdParam,
  MyGroupsQuery,
} from '@weshop/shared';
import { CurrentUser, Public, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CampaignService } from './campaign.service';

/** 拼团 for shoppers: campaigns with their open groups, a group, my groups. */
@Controller('api/v1/groupbuys')
export class GroupBuyController {
  constructor(@Inject(CampaignService) private readonly campaigns: CampaignService) {}

  @Public()
  @Get('campaigns')
  list(@Query(zod(CampaignListQuery)) query: CampaignListQuery) {
    return this.campaigns.active(query.productId ? Number(query.productId) : undefined);
  }

  @Public()
  @Get('campaigns/:id')
  one(@Param(zod(CampaignIdParam)) params: { id: string }) {
    return this.campaigns.one(Number(params.id));
  }

  @Get('groups/:id')
  group(@CurrentUser() caller: Caller, @Param(zod(GroupIdParam)) params: { id: string }) {
    return this.campaigns.group(Number(params.id), caller.userId);
  }

  @Get('mine')
  mine(@CurrentUser() caller: Caller, @Query(zod(MyGroupsQuery)) query: MyGroupsQuery) {
    return this.campaigns.mine(caller.userId, query);
  }
}

/** The shop's campaigns (admin). */
@Roles('ADMIN')
@Controller('api/v1/admin/groupbuys/campaigns')
export class AdminGroupBuyController {
  constructor(@Inject(CampaignService) private readonly campaigns: CampaignService) {}

  @Get()
  list(@Query(zod(CampaignAdminQuery)) query: CampaignAdminQuery) {
    return this.campaigns.results(query, null);
  }

  @Post()
  @HttpCode(201)
  create(@CurrentUser() caller: Caller, @Body(zod(CampaignCreateRequest)) body: CampaignCreateRequest) {
    return this.campaigns.create(body, caller.userId, null);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param(zod(CampaignIdParam)) params: { id: string }, @Body(zod(AftersaleNoBody.optional())) _b: unknown) {
    return this.campaigns.disable(Number(params.id), null);
  }
}

/** A community's own group buys, run by its managers. */
@Controller('api/v1/manage/communities/:communityId/groupbuys')
export class ManagerGroupBuyController {
  constructor(@Inject(CampaignService) private readonly campaigns: CampaignService) {}

  @Get()
  async list(
    @CurrentUser() caller: Caller,
    @Param(zod(GroupBuyCommunityParam)) params: { communityId: string },
    @Query(zod(CampaignAdminQuery)) query: CampaignAdminQuery,
  ) {
    await this.campaigns.assertManager(caller.userId, Number(params.communityId));
    return this.campaigns.results(query, Number(params.communityId));
  }

  @Post()
  @HttpCode(201)
  async create(
    @CurrentUser() caller: Caller,
    @Param(zod(GroupBuyCommunityParam)) params: { communityId: string },
    @Body(zod(CampaignCreateRequest)) body: CampaignCreateRequest,
  ) {
    await this.campaigns.assertManager(caller.userId, Number(params.communityId));
    return this.campaigns.create(body, caller.userId, Number(params.communityId));
  }
}
