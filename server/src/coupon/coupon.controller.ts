import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ClaimTemplateParam,
  CommunityCouponDropRequest,
  CouponCommunityParam,
  CouponTemplateAdminQuery,
  CouponTemplateCreateRequest,
  CouponTemplateIdParam,
  CouponTemplateUpdateRequest,
  MyCouponsQuery,
  OrderPreviewRequest,
} from '@weshop/shared';
import { CurrentUser, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { CouponAdminService } from './coupon-admin.service';
import { CouponService } from './coupon.service';

/** 领券中心 and claiming. */
@Controller('api/v1/coupons')
export class CouponController {
  constructor(@Inject(CouponService) private readonly coupons: CouponService) {}

  @Get('center')
  center(@CurrentUser() caller: Caller) {
    return this.coupons.center(caller.userId);
  }

  @Post(':templateId/claim')
  @HttpCode(201)
  claim(@CurrentUser() caller: Caller, @Param(zod(ClaimTemplateParam)) params: { templateId: string }) {
    return this.coupons.claim(caller.userId, Number(params.templateId));
  }
}

/** 我的券 and the checkout coupon picker. */
@Controller('api/v1/me/coupons')
export class MyCouponController {
  constructor(@Inject(CouponService) private readonly coupons: CouponService) {}

  @Get()
  mine(@CurrentUser() caller: Caller, @Query(zod(MyCouponsQuery)) query: MyCouponsQuery) {
    return this.coupons.mine(caller.userId, query);
  }

  @Post('for-checkout')
  @HttpCode(200)
  forCheckout(@CurrentUser() caller: Caller, @Body(zod(OrderPreviewRequest)) body: OrderPreviewRequest) {
    return this.coupons.forCheckout(caller.userId, body);
  }
}

/** The shop's coupon templates. */
@Roles('ADMIN')
@Controller('api/v1/admin/coupons')
export class AdminCouponController {
  constructor(@Inject(CouponAdminService) private readonly admin: CouponAdminService) {}

  @Get()
  list(@Query(zod(CouponTemplateAdminQuery)) query: CouponTemplateAdminQuery) {
    return this.admin.list(query);
  }

  @Post()
  @HttpCode(201)
  create(@Body(zod(CouponTemplateCreateRequest)) body: CouponTemplateCreateRequest) {
    return this.admin.create(body);
  }

  @Get(':id')
  one(@Param(zod(CouponTemplateIdParam)) params: { id: string }) {
    return this.admin.one(Number(params.id));
  }

  @Patch(':id')
  update(
    @Param(zod(CouponTemplateIdParam)) params: { id: string },
    @Body(zod(CouponTemplateUpdateRequest)) body: CouponTemplateUpdateRequest,
  ) {
    return this.admin.update(Number(params.id), body);
  }
}

/** 社群发券: a community's managers drop its coupons to its members. */
@Controller('api/v1/manage/communities/:id/coupons')
export class ManagerCouponController {
  constructor(@Inject(CouponAdminService) private readonly admin: CouponAdminService) {}

  @Get()
  async list(@CurrentUser() caller: Caller, @Param(zod(CouponCommunityParam)) params: { id: string }) {
    await this.admin.assertManager(caller.userId, Number(params.id));
    return this.admin.communityTemplates(Number(params.id));
  }

  @Post()
  @HttpCode(201)
  async drop(
    @CurrentUser() caller: Caller,
    @Param(zod(CouponCommunityParam)) params: { id: string },
    @Body(zod(CommunityCouponDropRequest)) body: CommunityCouponDropRequest,
  ) {
    await this.admin.assertManager(caller.userId, Number(params.id));
    return this.admin.drop(Number(params.id), Number(body.templateId));
  }
}
