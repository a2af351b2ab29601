import { Module } from '@nestjs/common';
import { AdminOrderController } from '../order/admin-order.controller';
import { OrderModule } from '../order/order.module';
import { LocalTrackingProvider } from './local-tracking.provider';
import { LogisticsController } from './logistics.controller';
import { LogisticsService } from './logistics.service';
import { ShippingRepository } from './shipping.repository';
import { ShippingService } from './shipping.service';
import { TRACKING_PROVIDER } from './tracking.provider';
import { WechatShippingUploader } from './wechat-shipping-upload.service';

/** 物流: shipping parcels, tracking, WeChat shipping-info upload, and the admin order console. */
@Module({
  imports: [OrderModule],
  controllers: [LogisticsController, AdminOrderController],
  providers: [
    ShippingService,
    ShippingRepository,
    LogisticsService,
    WechatShippingUploader,
    { provide: TRACKING_PROVIDER, useClass: LocalTrackingProvider },
  ],
  exports: [ShippingService, LogisticsService, TRACKING_PROVIDER],
})
export class LogisticsModule {}
