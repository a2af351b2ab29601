import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CommunityCreateRequest,
  CommunityIdParam,
  CommunityListQuery,
  CommunityMemberParam,
  CommunityUpdateRequest,
  ManagerAssignRequest,
} from '@weshop/shared';
import { CurrentUser, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CommunityService } from './community.service';

/** The shop creates communities and appoints their managers. */
@Roles('ADMIN')
@Controller('api/v1/admin/communities')
export class AdminCommunityController {
  constructor(@Inject(CommunityService) private readonly communities: CommunityService) {}

  @Get()
  list(@CurrentUser() caller: Caller, @Query(zod(CommunityListQuery)) query: CommunityListQuery) {
    return this.communities.adminList(caller.userId, query);
  }

  @Post()
  @HttpCode(201)
  create(@CurrentUser() caller: Caller, @Body(zod(CommunityCreateRequest)) body: CommunityCreateRequest) {
    return this.communities.create(caller.userId, body);
  }

  @Patch(':id')
  update(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Body(zod(CommunityUpdateRequest)) body: CommunityUpdateRequest,
  ) {
    return this.communities.update(caller.userId, Number(params.id), body);
  }

  @Post(':id/managers')
  @HttpCode(200)
  assign(
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Body(zod(ManagerAssignRequest)) body: ManagerAssignRequest,
  ) {
    return this.communities.assignManager(Number(params.id), Number(body.userId));
  }

  @Delete(':id/managers/:userId')
  revoke(@Param(zod(CommunityMemberParam)) params: CommunityMemberParam) {
    return this.communities.revokeManager(Number(params.id), Number(params.userId));
  }
}
