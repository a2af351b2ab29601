import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { AnalyticsQuery, type AnalyticsTable } from '@weshop/shared';
import type { FastifyReply } from 'fastify';
import { Roles } from '../auth/auth.guard';
import { ValidationFailed } from '../infra/http/domain-error';
import { zod } from '../infra/http/zod.pipe';
import { tableCsv } from './analytics.csv';
import { AnalyticsQueryService } from './analytics-query.service';

/** 数据看板 for the shop (admin): the overview and the tables, as JSON or CSV (`format=csv`). */
@Roles('ADMIN')
@Controller('api/v1/admin/analytics')
export class AdminAnalyticsController {
  constructor(@Inject(AnalyticsQueryService) private readonly analytics: AnalyticsQueryService) {}

  @Get('overview')
  overview(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery) {
    if (query.format === 'csv')
      throw new ValidationFailed([{ path: 'format', message: 'csv is for the table routes' }]);
    return this.analytics.overview(query);
  }

  @Get('sources')
  sources(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('sources', this.analytics.sources(query), query, reply);
  }

  @Get('products')
  products(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('products', this.analytics.products(query), query, reply);
  }

  @Get('distributors')
  distributors(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('distributors', this.analytics.distributors(query), query, reply);
  }

  @Get('communities')
  communities(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('communities', this.analytics.communities(query), query, reply);
  }

  @Get('groups')
  groups(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('groups', this.analytics.groups(query), query, reply);
  }

  @Get('posts')
  posts(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('posts', this.analytics.posts(query), query, reply);
  }

  @Get('groupbuys')
  groupbuys(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('groupbuys', this.analytics.groupbuys(query), query, reply);
  }

  @Get('dsr')
  dsr(@Query(zod(AnalyticsQuery)) query: AnalyticsQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer('dsr', this.analytics.dsr(query), query, reply);
  }

  /** JSON, or the CSV file (UTF-8 with BOM) as an attachment. */
  private async answer<K extends AnalyticsTable>(
    table: K,
    view: Promise<Parameters<typeof tableCsv<K>>[1]>,
    query: AnalyticsQuery,
    reply: FastifyReply,
  ) {
    const result = await view;
    if (query.format !== 'csv') return result;
    const { filename, text } = tableCsv(table, result);
    reply.header('content-type', 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${filename}"`);
    return text;
  }
}
