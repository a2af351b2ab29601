import { Module } from '@nestjs/common';
import { MemberModule } from '../member/member.module';
import { OrderModule } from '../order/order.module';
import { AdminPointsController, PointsController } from './points.controller';
import { PointsService } from './points.service';

/** 积分: the ledger (lots, entries, spends), earning and spending with orders, sign-in, expiry. */
@Module({
  imports: [OrderModule, MemberModule],
  controllers: [PointsController, AdminPointsController],
  providers: [PointsService],
  exports: [PointsService],
})
export class PointsModule {}
