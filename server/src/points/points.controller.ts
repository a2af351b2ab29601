import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { PointsEntriesQuery, PointsRules, SignInRequest } from '@weshop/shared';
import { CurrentUser, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { PointsService } from './points.service';

/** 我的积分: balance, entries, sign-in. */
@Controller('api/v1/points')
export class PointsController {
  constructor(@Inject(PointsService) private readonly points: PointsService) {}

  @Get()
  summary(@CurrentUser() caller: Caller) {
    return this.points.summary(caller.userId);
  }

  @Get('entries')
  entries(@CurrentUser() caller: Caller, @Query(zod(PointsEntriesQuery)) query: PointsEntriesQuery) {
    return this.points.entries(caller.userId, query);
  }

  @Get('sign-in')
  calendar(@CurrentUser() caller: Caller) {
    return this.points.signInCalendar(caller.userId);
  }

  @Post('sign-in')
  @HttpCode(201)
  signIn(@CurrentUser() caller: Caller, @Body(zod(SignInRequest)) _body: unknown) {
    return this.points.signIn(caller.userId);
  }
}

/** 积分规则 (admin). */
@Roles('ADMIN')
@Controller('api/v1/admin/points-rules')
export class AdminPointsController {
  constructor(@Inject(PointsService) private readonly points: PointsService) {}

  @Get()
  rules() {
    return this.points.rules();
  }

  @Put()
  save(@Body(zod(PointsRules)) body: PointsRules) {
    return this.points.saveRules(body);
  }
}
