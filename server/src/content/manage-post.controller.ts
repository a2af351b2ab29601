import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  CommunityIdParam,
  FeaturePostRequest,
  ManagedPostParam,
  ModerationQuery,
  PinPostRequest,
  RejectPostRequest,
  RemovePostRequest,
} from '@weshop/shared';
import { z } from 'zod';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { ModerationService } from './moderation.service';

/** approve takes no body (an empty object at most). */
const NoBody = zod(z.object({}).strict());

/** 内容审核: /manage/communities/:id/posts… (managers of that community, and admins). */
@Controller('api/v1/manage/communities/:id/posts')
export class ManagePostController {
  constructor(@Inject(ModerationService) private readonly moderation: ModerationService) {}

  @Get()
  queue(
    @CurrentUser() caller: Caller,
    @Param(zod(CommunityIdParam)) params: CommunityIdParam,
    @Query(zod(ModerationQuery)) query: ModerationQuery,
  ) {
    return this.moderation.queue(caller.userId, Number(params.id), query);
  }

  @Post(':postId/approve')
  @HttpCode(200)
  approve(
    @CurrentUser() caller: Caller,
    @Param(zod(ManagedPostParam)) params: ManagedPostParam,
    @Body(NoBody) _body: Record<string, never>,
  ) {
    return this.moderation.approve(caller.userId, Number(params.id), Number(params.postId));
  }

  @Post(':postId/reject')
  @HttpCode(200)
  reject(
    @CurrentUser() caller: Caller,
    @Param(zod(ManagedPostParam)) params: ManagedPostParam,
    @Body(zod(RejectPostRequest)) body: RejectPostRequest,
  ) {
    return this.moderation.reject(caller.userId, Number(params.id), Number(params.postId), body.reason);
  }

  @Post(':postId/remove')
  @HttpCode(200)
  remove(
    @CurrentUser() caller: Caller,
    @Param(zod(ManagedPostParam)) params: ManagedPostParam,
    @Body(zod(RemovePostRequest)) body: RemovePostRequest,
  ) {
    return this.moderation.remove(caller.userId, Number(params.id), Number(params.postId), body.reason);
  }

  @Post(':postId/pin')
  @HttpCode(200)
  pin(
    @CurrentUser() caller: Caller,
    @Param(zod(ManagedPostParam)) params: ManagedPostParam,
    @Body(zod(PinPostRequest)) body: PinPostRequest,
  ) {
    return this.moderation.pin(caller.userId, Number(params.id), Number(params.postId), body.pinned);
  }

  @Post(':postId/feature')
  @HttpCode(200)
  feature(
    @CurrentUser() caller: Caller,
    @Param(zod(ManagedPostParam)) params: ManagedPostParam,
    @Body(zod(FeaturePostRequest)) body: FeaturePostRequest,
  ) {
    return this.moderation.feature(caller.userId, Number(params.id), Number(params.postId), body.featured);
  }
}
