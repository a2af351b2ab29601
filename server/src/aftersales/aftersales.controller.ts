import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  AftersaleCreateRequest,
  AftersaleIdParam,
  AftersaleListQuery,
  AftersaleNoBody,
  AftersaleOrderIdParam,
  AftersaleReturnRequest,
} from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { AftersalesService } from './aftersales.service';

/** 售后, the buyer's routes: their own orders and after-sales only. */
@Controller('api/v1')
export class AftersalesController {
  constructor(@Inject(AftersalesService) private readonly aftersales: AftersalesService) {}

  @Post('orders/:id/aftersales')
  @HttpCode(201)
  request(
    @CurrentUser() caller: Caller,
    @Param(zod(AftersaleOrderIdParam)) params: AftersaleOrderIdParam,
    @Body(zod(AftersaleCreateRequest)) body: AftersaleCreateRequest,
  ) {
    return this.aftersales.request(caller.userId, Number(params.id), body);
  }

  @Get('aftersales')
  list(@CurrentUser() caller: Caller, @Query(zod(AftersaleListQuery)) query: AftersaleListQuery) {
    return this.aftersales.list(caller.userId, query);
  }

  @Get('aftersales/:id')
  get(@CurrentUser() caller: Caller, @Param(zod(AftersaleIdParam)) params: AftersaleIdParam) {
    return this.aftersales.get(caller.userId, Number(params.id));
  }

  @Post('aftersales/:id/return')
  @HttpCode(200)
  sendBack(
    @CurrentUser() caller: Caller,
    @Param(zod(AftersaleIdParam)) params: AftersaleIdParam,
    @Body(zod(AftersaleReturnRequest)) body: AftersaleReturnRequest,
  ) {
    return this.aftersales.sendBack(caller.userId, Number(params.id), body);
  }

  @Post('aftersales/:id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() caller: Caller,
    @Param(zod(AftersaleIdParam)) params: AftersaleIdParam,
    @Body(zod(AftersaleNoBody)) _body: AftersaleNoBody,
  ) {
    return this.aftersales.cancel(caller.userId, Number(params.id));
  }
}
