import { Controller, Get, Inject, Param } from '@nestjs/common';
import { CARRIERS, OrderIdParam, type CarrierList } from '@weshop/shared';
import { CurrentUser, Public, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { LogisticsService } from './logistics.service';

@Controller('api/v1')
export class LogisticsController {
  constructor(@Inject(LogisticsService) private readonly logistics: LogisticsService) {}

  @Get('orders/:id/logistics')
  orderLogistics(@CurrentUser() caller: Caller, @Param(zod(OrderIdParam)) params: OrderIdParam) {
    return this.logistics.forBuyer(caller.userId, Number(params.id));
  }

  @Public()
  @Get('logistics/carriers')
  carriers(): CarrierList {
    return { items: CARRIERS.map((c) => ({ code: c.code, name: c.name })) };
  }
}
