import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { CommunityIdParam, CommunityListQuery, JoinCommunityRequest, MemberListQuery } from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CommunityService } from './community.service';

/** 社群 for users: browse, join (by link or code), leave, members, the share card and code. */
@Controller('api/v1/communities')
export class CommunityController {
  constructor(@Inject(CommunityService) private readonly communities: CommunityService) {}

  @Get()
  list(@CurrentUser() caller: Caller, @Query(zod(CommunityListQuery)) query: CommunityListQuery) {
    return this.communities.list(caller.userId, query);
  }

  @Get(':id')
  get(@CurrentUser() caller: Caller, @Param(zod(CommunityIdParam)) params: CommunityIdParam) {
    return this.communities.get(caller.userId, Number(params.id));
  }

  @Post(':id/join')
  @HttpCode(200)
  join(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Body(zod(JoinCommunityRequest)) body: JoinCommunityRequest,
  ) {
    return this.communities.join(caller.userId, Number(params.id), body.source);
  }

  @Post(':id/leave')
  @HttpCode(200)
  leave(@CurrentUser() caller: Caller, @Param(zod(CommunityIdParam)) params: CommunityIdParam) {
    return this.communities.leave(caller.userId, Number(params.id));
  }

  @Get(':id/members')
  members(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Query(zod(MemberListQuery)) query: MemberListQuery,
  ) {
    return this.communities.members(caller.userId, Number(params.id), query);
  }

  @Get(':id/share')
  share(@Param(zod(CommunityIdParam)) params: CommunityIdParam) {
    return this.communities.share(Number(params.id));
  }
}
