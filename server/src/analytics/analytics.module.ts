import { Module } from '@nestjs/common';
import { AdminAnalyticsController } from './admin-analytics.controller';
import { AnalyticsQueryService } from './analytics-query.service';
import { NamesRepository } from './names.repository';
import { RawDayRepository } from './raw-day.repository';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';

/**
 * 数据看板: daily rollups of visits, events, orders and the social layer (per shop, source,
 * product, community, WeChat group, distributor, post and group-buy campaign) and the queries of
 * the admin dashboards and of a community manager's stats.
 */
@Module({
  controllers: [AdminAnalyticsController],
  providers: [RawDayRepository, RollupRepository, RollupService, NamesRepository, AnalyticsQueryService],
  exports: [RollupService, AnalyticsQueryService],
})
export class AnalyticsModule {}
