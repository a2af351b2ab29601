import { Module, type DynamicModule } from '@nestjs/common';
import { AddressModule } from './address/address.module';
import { AftersalesModule } from './aftersales/aftersales.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AttributionModule } from './attribution/attribution.module';
import { AuthModule } from './auth/auth.module';
import { CartModule } from './cart/cart.module';
import { CatalogModule } from './catalog/catalog.module';
import { CommunityModule } from './community/community.module';
import { CouponModule } from './coupon/coupon.module';
import { ContentModule } from './content/content.module';
import { DistributionModule } from './distribution/distribution.module';
import { GroupBuyModule } from './groupbuy/groupbuy.module';
import { HealthController } from './health/health.controller';
import { ConfigModule } from './infra/config/config.module';
import type { AppConfig } from './infra/config/env.schema';
import { InfraModule } from './infra/infra.module';
import { LogisticsModule } from './logistics/logistics.module';
import { MediaModule } from './media/media.module';
import { MemberModule } from './member/member.module';
import { NotificationModule } from './notification/notification.module';
import { OrderModule } from './order/order.module';
import { PaymentModule } from './payment/payment.module';
import { PointsModule } from './points/points.module';
import { PromotionModule } from './promotion/promotion.module';
import { ReviewModule } from './review/review.module';
import { WechatModule } from './wechat/wechat.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        InfraModule,
        WechatModule,
        AuthModule,
        CatalogModule,
        MediaModule,
        CartModule,
        AddressModule,
        OrderModule,
        PaymentModule,
        AftersalesModule,
        LogisticsModule,
        ReviewModule,
        DistributionModule,
        CommunityModule,
        ContentModule,
        AttributionModule,
        GroupBuyModule,
        CouponModule,
        MemberModule,
        PointsModule,
        PromotionModule,
        AnalyticsModule,
        NotificationModule,
      ],
      controllers: [HealthController],
    };
  }
}
