import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { AdminMemberController, MemberController } from './member.controller';
import { MemberService } from './member.service';

/**
 * 会员: levels by growth, the member discount and 会员日 (schedule, prices, points multiplier).
 * Plugs into checkout through CheckoutActivities and follows orders through their events.
 */
@Module({
  imports: [OrderModule],
  controllers: [MemberController, AdminMemberController],
  providers: [MemberService],
  exports: [MemberService],
})
export class MemberModule {}
