import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { AdminPromotionController, PromotionController } from './promotion.controller';
import { PromotionService } from './promotion.service';

/**
 * 营销活动: 限时折扣/秒杀 and 满减. Plugs into checkout through CheckoutActivities and follows
 * orders through their events (the flash-sale quota).
 */
@Module({
  imports: [OrderModule],
  controllers: [PromotionController, AdminPromotionController],
  providers: [PromotionService],
})
export class PromotionModule {}
