import { Body, Controller, Delete, Get, Inject, Param, Patch, Put, Query } from '@nestjs/common';
import {
  AnnouncementRequest,
  CommunityIdParam,
  CommunityListQuery,
  CommunityMemberParam,
  CommunityStatsQuery,
  MemberListQuery,
  MemberRoleRequest,
} from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CommunityService } from './community.service';

/**
 * 社群管理 for community managers (and admins): announcement, members, stats. Every route checks
 * that the caller manages *this* community. Post moderation lives with the posts (content domain).
 */
@Controller('api/v1/manage/communities')
export class ManageCommunityController {
  constructor(@Inject(CommunityService) private readonly communities: CommunityService) {}

  @Get()
  managed(@CurrentUser() caller: Caller, @Query(zod(CommunityListQuery)) query: CommunityListQuery) {
    return this.communities.managed(caller.userId, query);
  }

  @Put(':id/announcement')
  announcement(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Body(zod(AnnouncementRequest)) body: AnnouncementRequest,
  ) {
    return this.communities.setAnnouncement(caller.userId, Number(params.id), body.announcement);
  }

  @Get(':id/members')
  members(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Query(zod(MemberListQuery)) query: MemberListQuery,
  ) {
    return this.communities.managerMembers(caller.userId, Number(params.id), query);
  }

  @Patch(':id/members/:userId')
  setRole(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityMemberParam)) params: CommunityMemberParam,
    @Body(zod(MemberRoleRequest)) body: MemberRoleRequest,
  ) {
    return this.communities.setMemberRole(caller.userId, Number(params.id), Number(params.userId), body.role);
  }

  @Delete(':id/members/:userId')
  remove(@CurrentUser() caller: Caller, @Param(zod(CommunityMemberParam)) params: CommunityMemberParam) {
    return this.communities.removeMember(caller.userId, Number(params.id), Number(params.userId));
  }

  /** The counts, plus the period's figures (`from`, `to`) of this community only. */
  @Get(':id/stats')
  stats(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Query(zod(CommunityStatsQuery)) query: CommunityStatsQuery,
  ) {
    return this.communities.stats(caller.userId, Number(params.id), query);
  }
}
