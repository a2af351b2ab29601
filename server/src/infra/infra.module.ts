import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { PrismaService } from './prisma/prisma.service';
import { RedisService } from './redis/redis.service';

@Global()
@Module({
  providers: [PrismaService, RedisService, Clock],
  exports: [PrismaService, RedisService, Clock],
})
export class InfraModule {}
