import { createHash } from 'node:crypto';
import { createParamDecorator, Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Prisma } from '../../generated/prisma/client';
import { DomainError, ValidationFailed } from '../http/domain-error';
import { PrismaService } from '../prisma/prisma.service';
import { RedisService } from '../redis/redis.service';
import type { Tx } from '../events/domain-events';

export class IdempotencyKeyReused extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly status = 422;
  constructor() {
    super('This Idempotency-Key was used for a different request');
  }
}

export class IdempotencyKeyInFlight extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_IN_FLIGHT';
  readonly status = 409;
  constructor() {
    super('A request with this Idempotency-Key is still being processed; retry shortly');
  }
}

const KEY_FORMAT = /^[A-Za-z0-9_-]{8,128}$/;

/** The `Idempotency-Key` header, validated; undefined when absent. */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'];
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (!KEY_FORMAT.test(value)) {
    throw new ValidationFailed([{ path: 'Idempotency-Key', message: 'must be 8-128 letters, digits, _ or -' }]);
  }
  return value;
});

/** JSON with object keys sorted at every level, so equal bodies hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 of method, path and body: what makes two requests "the same request". */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

export interface IdempotentRequest {
  scope: string;
  userId: number;
  key: string;
  fingerprint: string;
}

/**
 * Idempotency-Key records (STYLE.md "Idempotency"). `inOneTransaction` is the shape for work that
 * is one database transaction: the key row is inserted in that same transaction, so a concurrent
 * duplicate waits on the unique index and then reads the committed response.
 * Same key + same fingerprint → the stored response; same key + other fingerprint → 422.
 */
@Injectable()
export class IdempotencyStore {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(RedisService) private readonly redis: RedisService,
  ) {}

  /**
   * True for the first arrival of this key within a minute, false for concurrent or quick
   * retries of it: lets a caller do once-per-intent work (such as taking from the stock gate)
   * only for the first. Redis down: true.
   */
  async firstArrival(request: IdempotentRequest): Promise<boolean> {
    const marker = this.redis.key('idempotency', request.scope, request.userId, request.key);
    try {
      return (await this.redis.client.set(marker, '1', 'PX', 60_000, 'NX')) === 'OK';
    } catch {
      return true;
    }
  }

  async inOneTransaction<T>(
    request: IdempotentRequest,
    work: (tx: Tx) => Promise<T>,
    options: { afterCommit?: (result: T) => Promise<void> } = {},
  ): Promise<{ result: T; replayed: boolean }> {
    const stored = await this.replay<T>(request);
    if (stored) return { result: stored, replayed: true };
    try {
      const result = await this.prisma.client.$transaction(
        async (tx) => {
          // createMany and updateMany: one statement each, where create and update read the row back.
          await tx.idempotencyKey.createMany({
            data: [
              { scope: request.scope, userId: request.userId, key: request.key, fingerprint: request.fingerprint },
            ],
          });
          const value = await work(tx);
          await tx.idempotencyKey.updateMany({
            where: { scope: request.scope, userId: request.userId, key: request.key },
            data: { status: 'COMPLETED', responseStatus: 200, responseBody: JSON.stringify(value) },
          });
          return value;
        },
        { maxWait: 20_000, timeout: 20_000 },
      );
      await options.afterCommit?.(result);
      return { result, replayed: false };
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const again = await this.replay<T>(request);
        if (again) return { result: again, replayed: true };
        throw new IdempotencyKeyInFlight();
      }
      throw error;
    }
  }

  /**
   * The stored response of a completed request with this key (undefined when there is none yet);
   * 422 for the same key with another fingerprint, 409 while the first is still in flight.
   */
  async replay<T>(request: IdempotentRequest): Promise<T | undefined> {
    const row = await this.prisma.client.idempotencyKey.findUnique({
      where: { scope_userId_key: { scope: request.scope, userId: request.userId, key: request.key } },
    });
    if (!row) return undefined;
    if (row.fingerprint !== request.fingerprint) throw new IdempotencyKeyReused();
    if (row.status !== 'COMPLETED' || row.responseBody === null) throw new IdempotencyKeyInFlight();
    return JSON.parse(row.responseBody) as T;
  }
}
