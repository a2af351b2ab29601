import { Module } from '@nestjs/common';

/** 物流: shipping parcels, tracking, WeChat shipping-info upload. */
@Module({})
export class LogisticsModule {}
