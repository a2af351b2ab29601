import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from '../../generated/prisma/client';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';
import { parseDatabaseUrl } from '../db/database-url';

/** Creates a Prisma Client on the MariaDB/MySQL driver adapter (works offline: the query compiler is wasm). */
export function createPrismaClient(databaseUrl: string, connectionLimit: number): PrismaClient {
  const db = parseDatabaseUrl(databaseUrl);
  const adapter = new PrismaMariaDb({
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    connectionLimit,
  });
  return new PrismaClient({ adapter });
}

/** The one Prisma Client of the process. Repositories receive it; services never build queries. */
@Injectable()
export class PrismaService implements OnModuleDestroy {
  readonly client: PrismaClient;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = createPrismaClient(config.databaseUrl, config.databasePoolSize);
  }

  async ping(): Promise<boolean> {
    try {
      await this.client.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.$disconnect();
  }
}
