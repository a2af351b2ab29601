import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { CouponAdminService } from './coupon-admin.service';
import {
  AdminCouponController,
  CouponController,
  ManagerCouponController,
  MyCouponController,
} from './coupon.controller';
import { CouponService } from './coupon.service';

/**
 * 优惠券: templates, claiming, the checkout's coupon stage (through CheckoutActivities) and the
 * coupon's life with its order (through the order events). Exports CouponService for the points
 * mall (`issue`) and the auth domain (`grantNewCustomerGifts`).
 */
@Module({
  imports: [OrderModule],
  controllers: [CouponController, MyCouponController, AdminCouponController, ManagerCouponController],
  providers: [CouponService, CouponAdminService],
  exports: [CouponService],
})
export class CouponModule {}
