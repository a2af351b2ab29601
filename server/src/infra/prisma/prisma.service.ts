import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient, type Prisma } from '../../generated/prisma/client';
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

  /**
   * An interactive transaction whose `afterCommit` callbacks run once it has committed (and never
   * when it rolled back): the place for jobs and other side effects of what the transaction wrote.
   */
  async transaction<T>(
    work: (tx: Prisma.TransactionClient, afterCommit: (fn: () => Promise<void>) => void) => Promise<T>,
  ): Promise<T> {
    const after: Array<() => Promise<void>> = [];
    const result = await this.client.$transaction(
      (tx) => {
        this.commitHooks.set(tx, after);
        return work(tx, (fn) => after.push(fn));
      },
      { maxWait: 20_000, timeout: 20_000 },
    );
    for (const fn of after) await fn().catch(() => undefined);
    return result;
  }

  /** The `afterCommit` lists of the transactions under way, by their client. */
  private readonly commitHooks = new WeakMap<object, Array<() => Promise<void>>>();

  /**
   * Runs `fn` once `db`'s transaction has committed (never if it rolls back); at once when `db`
   * is not a transaction of `transaction()`. For code that only holds the transaction client,
   * e.g. a repository clearing a cache of what it wrote.
   */
  afterCommitOf(db: object | undefined, fn: () => Promise<void>): void {
    const hooks = db ? this.commitHooks.get(db) : undefined;
    if (hooks) hooks.push(fn);
    else void fn().catch(() => undefined);
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
