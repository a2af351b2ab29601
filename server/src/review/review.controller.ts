import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  OrderIdParam,
  ProductIdParam,
  ProductReviewQuery,
  ReviewCreateRequest,
  ReviewFollowUpRequest,
  ReviewIdParam,
  ReviewReplyRequest,
} from '@weshop/shared';
import { CurrentUser, Public, Roles, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { ReviewService } from './review.service';

@Controller('api/v1')
export class ReviewController {
  constructor(@Inject(ReviewService) private readonly reviews: ReviewService) {}

  @Post('orders/:id/reviews')
  @HttpCode(201)
  create(
    @CurrentUser() caller: Caller,
    @Param(zod(OrderIdParam)) params: OrderIdParam,
    @Body(zod(ReviewCreateRequest)) body: ReviewCreateRequest,
  ) {
    return this.reviews.create(caller.userId, Number(params.id), body);
  }

  @Get('orders/:id/reviews')
  ofOrder(@CurrentUser() caller: Caller, @Param(zod(OrderIdParam)) params: OrderIdParam) {
    return this.reviews.ofOrder(caller.userId, Number(params.id));
  }

  @Post('reviews/:id/follow-up')
  @HttpCode(200)
  followUp(
    @CurrentUser() caller: Caller,
    @Param(zod(ReviewIdParam)) params: ReviewIdParam,
    @Body(zod(ReviewFollowUpRequest)) body: ReviewFollowUpRequest,
  ) {
    return this.reviews.followUp(caller.userId, Number(params.id), body);
  }

  @Public()
  @Get('products/:id/reviews')
  ofProduct(
    @Param(zod(ProductIdParam)) params: ProductIdParam,
    @Query(zod(ProductReviewQuery)) query: ProductReviewQuery,
  ) {
    return this.reviews.ofProduct(Number(params.id), query);
  }

  @Public()
  @Get('shop/dsr')
  dsr() {
    return this.reviews.dsr();
  }

  @Roles('ADMIN')
  @Post('admin/reviews/:id/reply')
  @HttpCode(200)
  reply(@Param(zod(ReviewIdParam)) params: ReviewIdParam, @Body(zod(ReviewReplyRequest)) body: ReviewReplyRequest) {
    return this.reviews.reply(Number(params.id), body.text);
  }
}
