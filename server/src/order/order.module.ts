import { Module } from '@nestjs/common';

/** 订单: checkout preview, order creation, the order state machine and its jobs. */
@Module({})
export class OrderModule {}
