import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import {
  CancelOrderRequest,
  OrderCreateRequest,
  OrderIdParam,
  OrderListQuery,
  OrderPreviewRequest,
} from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { IdempotencyKey } from '../infra/idempotency/idempotency';
import { zod } from '../infra/http/zod.pipe';
import { OrderService } from './order.service';

@Controller('api/v1/orders')
export class OrderController {
  constructor(@Inject(OrderService) private readonly orders: OrderService) {}

  @Post('preview')
  @HttpCode(200)
  preview(@CurrentUser() caller: Caller, @Body(zod(OrderPreviewRequest)) body: OrderPreviewRequest) {
    return this.orders.preview(caller.userId, body);
  }

  @Post()
  @HttpCode(201)
  create(
    @CurrentUser() caller: Caller,
    @Body(zod(OrderCreateRequest)) body: OrderCreateRequest,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.orders.create(caller.userId, body, key);
  }

  @Get()
  list(@CurrentUser() caller: Caller, @Query(zod(OrderListQuery)) query: OrderListQuery) {
    return this.orders.list(caller.userId, query);
  }

  @Get(':id')
  get(@CurrentUser() caller: Caller, @Param(zod(OrderIdParam)) params: OrderIdParam) {
    return this.orders.get(caller.userId, Number(params.id));
  }

  @Post(':id/pay')
  @HttpCode(200)
  pay(@CurrentUser() caller: Caller, @Param(zod(OrderIdParam)) params: OrderIdParam) {
    return this.orders.pay(caller.userId, Number(params.id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @CurrentUser() caller: Caller,
    @Param(zod(OrderIdParam)) params: OrderIdParam,
    @Body(zod(CancelOrderRequest)) body: CancelOrderRequest,
  ) {
    return this.orders.cancel(caller.userId, Number(params.id), body.reason);
  }

  @Post(':id/confirm-receipt')
  @HttpCode(200)
  confirm(@CurrentUser() caller: Caller, @Param(zod(OrderIdParam)) params: OrderIdParam) {
    return this.orders.confirmReceipt(caller.userId, Number(params.id));
  }
}
