import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CouponModule } from '../coupon/coupon.module';
import { MemberModule } from '../member/member.module';
import { OrderModule } from '../order/order.module';
import { AdminPointsMallController, PointsMallController, PointsTasksController } from './points-mall.controller';
import { PointsMallService } from './points-mall.service';
import { PointsTasksService } from './points-tasks.service';
import { AdminPointsController, PointsController } from './points.controller';
import { PointsService } from './points.service';

/**
 * 积分: the ledger (lots, entries, spends), earning and spending with orders, sign-in, expiry,
 * one-off tasks and the points mall (gifts as orders, coupons through CouponService.issue).
 */
@Module({
  imports: [OrderModule, MemberModule, CouponModule, CatalogModule],
  controllers: [
    PointsController,
    AdminPointsController,
    PointsTasksController,
    PointsMallController,
    AdminPointsMallController,
  ],
  providers: [PointsService, PointsTasksService, PointsMallService],
  exports: [PointsService],
})
export class PointsModule {}
