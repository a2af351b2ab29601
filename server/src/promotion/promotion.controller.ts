import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { PromotionAdminQuery, PromotionCreateRequest, PromotionIdParam, PromotionUpdateRequest } from '@weshop/shared';
import { Roles } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { PromotionService } from './promotion.service';

/** What runs now (限时折扣, 满减) and the flash sales starting soon, for the shop's pages. */
@Controller('api/v1/promotions')
export class PromotionController {
  constructor(@Inject(PromotionService) private readonly promotions: PromotionService) {}

  @Get('active')
  active() {
    return this.promotions.active();
  }
}

/** Promotions (admin): list, create, edit, disable. */
@Roles('ADMIN')
@Controller('api/v1/admin/promotions')
export class AdminPromotionController {
  constructor(@Inject(PromotionService) private readonly promotions: PromotionService) {}

  @Get()
  list(@Query(zod(PromotionAdminQuery)) query: PromotionAdminQuery) {
    return this.promotions.list(query);
  }

  @Post()
  @HttpCode(201)
  create(@Body(zod(PromotionCreateRequest)) body: PromotionCreateRequest) {
    return this.promotions.create(body);
  }

  /** 编辑: everything before the start; while running the title, the end and raised flash quotas. */
  @Patch(':id')
  update(
    @Param(zod(PromotionIdParam)) params: { id: string },
    @Body(zod(PromotionUpdateRequest)) body: PromotionUpdateRequest,
  ) {
    return this.promotions.update(Number(params.id), body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param(zod(PromotionIdParam)) params: { id: string }) {
    return this.promotions.disable(Number(params.id));
  }
}
