import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import {
  PointsMallAdminQuery,
  PointsMallItemCreateRequest,
  PointsMallItemIdParam,
  PointsMallItemUpdateRequest,
  PointsRedeemRequest,
} from '@weshop/shared';
import { CurrentUser, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { IdempotencyKey } from '../infra/idempotency/idempotency';
import { PointsMallService } from './points-mall.service';
import { PointsTasksService } from './points-tasks.service';

/**
 * 积分商城 for members. API.md names `/points-mall/items` and `/points-mall/items/:id/redeem`; the
 * shorter `/points-mall` and `/points-mall/:id/redeem` answer the same.
 */
@Controller('api/v1/points-mall')
export class PointsMallController {
  constructor(@Inject(PointsMallService) private readonly mall: PointsMallService) {}

  @Get(['', 'items'])
  list(@CurrentUser() caller: Caller) {
    return this.mall.list(caller.userId);
  }

  @Post(['items/:id/redeem', ':id/redeem'])
  @HttpCode(201)
  redeem(
    @CurrentUser() caller: Caller,
    @Param(zod(PointsMallItemIdParam)) params: PointsMallItemIdParam,
    @Body(zod(PointsRedeemRequest)) body: PointsRedeemRequest,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.mall.redeem(caller.userId, Number(params.id), body, key);
  }
}

/** 积分任务: each task with its points, done or not. */
@Controller('api/v1/points/tasks')
export class PointsTasksController {
  constructor(@Inject(PointsTasksService) private readonly tasks: PointsTasksService) {}

  @Get()
  list(@CurrentUser() caller: Caller) {
    return this.tasks.list(caller.userId);
  }
}

/** 积分商城 items (admin). */
@Roles('ADMIN')
@Controller('api/v1/admin/points-mall')
export class AdminPointsMallController {
  constructor(@Inject(PointsMallService) private readonly mall: PointsMallService) {}

  @Get()
  list(@Query(zod(PointsMallAdminQuery)) query: PointsMallAdminQuery) {
    return this.mall.adminList(query);
  }

  @Post()
  @HttpCode(201)
  create(@Body(zod(PointsMallItemCreateRequest)) body: PointsMallItemCreateRequest) {
    return this.mall.create(body);
  }

  @Patch(':id')
  update(
    @Param(zod(PointsMallItemIdParam)) params: PointsMallItemIdParam,
    @Body(zod(PointsMallItemUpdateRequest)) body: PointsMallItemUpdateRequest,
  ) {
    return this.mall.update(Number(params.id), body);
  }
}
