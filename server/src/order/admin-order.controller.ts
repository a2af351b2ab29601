import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { AdminOrderIdParam, AdminOrderListQuery, ShipRequest } from '@weshop/shared';
import { Roles } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { ShippingService } from '../logistics/shipping.service';

/**
 * The merchant's order console: every buyer's orders, and shipping (one call per parcel).
 * Registered by LogisticsModule (which imports OrderModule), so the order module does not depend
 * on logistics.
 */
@Roles('ADMIN')
@Controller('api/v1/admin/orders')
export class AdminOrderController {
  constructor(@Inject(ShippingService) private readonly shipping: ShippingService) {}

  @Get()
  list(@Query(zod(AdminOrderListQuery)) query: AdminOrderListQuery) {
    return this.shipping.list(query);
  }

  @Get(':id')
  get(@Param(zod(AdminOrderIdParam)) params: AdminOrderIdParam) {
    return this.shipping.detail(Number(params.id));
  }

  @Post(':id/ship')
  @HttpCode(200)
  ship(@Param(zod(AdminOrderIdParam)) params: AdminOrderIdParam, @Body(zod(ShipRequest)) body: ShipRequest) {
    return this.shipping.ship(Number(params.id), body);
  }
}
