import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { AftersaleIdParam, AftersaleListQuery, AftersaleNoBody, AftersaleRejectRequest } from '@weshop/shared';
import { Roles } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { AftersaleReviewService } from './aftersale-review.service';

/** 售后, the merchant's routes. */
@Roles('ADMIN')
@Controller('api/v1/admin/aftersales')
export class AdminAftersalesController {
  constructor(@Inject(AftersaleReviewService) private readonly review: AftersaleReviewService) {}

  @Get()
  list(@Query(zod(AftersaleListQuery)) query: AftersaleListQuery) {
    return this.review.list(query);
  }

  @Get(':id')
  get(@Param(zod(AftersaleIdParam)) params: AftersaleIdParam) {
    return this.review.get(Number(params.id));
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param(zod(AftersaleIdParam)) params: AftersaleIdParam, @Body(zod(AftersaleNoBody)) _body: AftersaleNoBody) {
    return this.review.approve(Number(params.id));
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(
    @Param(zod(AftersaleIdParam)) params: AftersaleIdParam,
    @Body(zod(AftersaleRejectRequest)) body: AftersaleRejectRequest,
  ) {
    return this.review.reject(Number(params.id), body.reason);
  }

  @Post(':id/receive')
  @HttpCode(200)
  receive(@Param(zod(AftersaleIdParam)) params: AftersaleIdParam, @Body(zod(AftersaleNoBody)) _body: AftersaleNoBody) {
    return this.review.receive(Number(params.id));
  }
}
