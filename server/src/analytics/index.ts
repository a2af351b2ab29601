/** What the demo seed and the bench use: roll days up, and read the dashboards. */
export { AnalyticsModule } from './analytics.module';
export { AnalyticsQueryService } from './analytics-query.service';
export { RollupService } from './rollup.service';
