import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { MemberModule } from '../member/member.module';
import { OrderModule } from '../order/order.module';
import { AdminPromotionController, PromotionController } from './promotion.controller';
import { PromotionService } from './promotion.service';

/**
 * 营销活动: 限时折扣/秒杀, 满减, 满赠, 组合优惠 and 买X送Y (member day through MemberService). Plugs into checkout through CheckoutActivities and follows
 * orders through their events (the flash-sale quota).
 */
@Module({
  imports: [OrderModule, MemberModule, CatalogModule],
  controllers: [PromotionController, AdminPromotionController],
  providers: [PromotionService],
})
export class PromotionModule {}
