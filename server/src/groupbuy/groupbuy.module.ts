import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { CampaignService } from './campaign.service';
import { GroupBuyService } from './group-buy.service';
import { AdminGroupBuyController, GroupBuyController, ManagerGroupBuyController } from './groupbuy.controller';

/**
 * 拼团: campaigns, groups and seats. Plugs into checkout through CheckoutActivities and follows
 * orders through their events; moves member orders on through OrderLifecycle.
 */
@Module({
  imports: [OrderModule],
  controllers: [GroupBuyController, AdminGroupBuyController, ManagerGroupBuyController],
  providers: [GroupBuyService, CampaignService],
  exports: [CampaignService],
})
export class GroupBuyModule {}
