import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { DomainEvents } from './events/domain-events';
import { IdempotencyStore } from './idempotency/idempotency';
import { JobQueue } from './queue/job-queue';
import { PrismaService } from './prisma/prisma.service';
import { RedisService } from './redis/redis.service';

@Global()
@Module({
  providers: [PrismaService, RedisService, Clock, DomainEvents, JobQueue, IdempotencyStore],
  exports: [PrismaService, RedisService, Clock, DomainEvents, JobQueue, IdempotencyStore],
})
export class InfraModule {}
