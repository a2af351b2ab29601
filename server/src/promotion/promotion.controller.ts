import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { PromotionAdminQuery, PromotionCreateRequest, PromotionIdParam } from '@weshop/shared';
import { Roles } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { PromotionService } from './promotion.service';

/** What runs now (限时折扣, 满减), for the shop's pages. */
@Controller('api/v1/promotions')
export class PromotionController {
  constructor(@Inject(PromotionService) private readonly promotions: PromotionService) {}

  @Get('active')
  active() {
    return this.promotions.active();
  }
}

/** Flash sales and full reductions (admin). */
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

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param(zod(PromotionIdParam)) params: { id: string }) {
    return this.promotions.disable(Number(params.id));
  }
}
