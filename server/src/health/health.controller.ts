import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Health } from '@weshop/shared';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.guard';
import { APP_CONFIG } from '../infra/config/config.module';
import { wechatModeOf, type AppConfig } from '../infra/config/env.schema';
import { PrismaService } from '../infra/prisma/prisma.service';
import { RedisService } from '../infra/redis/redis.service';

@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(RedisService) private readonly redis: RedisService,
  ) {}

  /** 200 when the database and Redis answer, 503 otherwise; says which WeChat it talks to. */
  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const [db, redis] = await Promise.all([this.prisma.ping(), this.redis.ping()]);
    const ok = db && redis;
    reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      db: db ? 'ok' : 'down',
      redis: redis ? 'ok' : 'down',
      wechat: wechatModeOf(this.config),
    };
  }
}
