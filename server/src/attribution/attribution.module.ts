import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DistributionModule } from '../distribution/distribution.module';
import { AttributionController } from './attribution.controller';
import { AttributionRepository } from './attribution.repository';
import { EventsService } from './events.service';
import { LaunchService } from './launch.service';
import { OrderAttributionService } from './order-attribution.service';

/**
 * 归因: visits from launches (traffic source, WeChat group, sharer, referral, post), the order
 * attribution copied from them at order creation, and the mini-program's behaviour events.
 */
@Module({
  imports: [AuthModule, DistributionModule],
  controllers: [AttributionController],
  providers: [AttributionRepository, LaunchService, EventsService, OrderAttributionService],
})
export class AttributionModule {}
