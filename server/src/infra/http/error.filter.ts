import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { DomainError } from './domain-error';
import { fieldIssues } from './zod.pipe';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

const HTTP_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Prisma codes of a database too busy to take the request now (safe to retry). */
const BUSY_PRISMA_CODES = new Set([
  'P2024', // timed out fetching a connection from the pool (classic engine)
  'P2028', // a transaction could not start in time
  'P2034', // write conflict or deadlock: the transaction was rolled back
  'P2037', // too many connections
]);
/** Driver codes behind Prisma's generic P2039 and raw-query P2010: no pooled connection in time, deadlock, lock wait. */
const BUSY_DRIVER_CODES = new Set(['45028', '1205', '1213', '1040']);

/**
 * Whether `exception` says the database is busy (pool exhausted, lock wait, deadlock) rather than
 * that the request is wrong or the code is broken: the caller may try again shortly.
 */
export function isDatabaseBusy(exception: unknown): boolean {
  const error = exception as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  if (typeof error?.code !== 'string') return false;
  if (BUSY_PRISMA_CODES.has(error.code)) return true;
  const original = error.meta?.driverAdapterError?.cause?.originalCode;
  return (
    (error.code === 'P2039' || error.code === 'P2010') &&
    original !== undefined &&
    BUSY_DRIVER_CODES.has(String(original))
  );
}

/** Maps anything thrown to a status and the one error body. */
export function toErrorResponse(exception: unknown): { status: number; body: ErrorBody } {
  if (exception instanceof DomainError) {
    return {
      status: exception.status,
      body: { error: { code: exception.code, message: exception.message, details: exception.details } },
    };
  }
  if (exception instanceof ZodError) {
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid',
          details: { fields: fieldIssues(exception) },
        },
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status < 500) {
      const message = status === 404 ? 'No such route' : exception.message;
      return { status, body: { error: { code: HTTP_CODES[status] ?? 'BAD_REQUEST', message } } };
    }
  }
  // Fastify's own errors (bad JSON, wrong content type, body too large) carry a 4xx statusCode.
  const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    const code = HTTP_CODES[fastifyStatus] ?? 'BAD_REQUEST';
    const message =
      fastifyStatus === 400 ? 'The request body is not valid JSON' : (exception as Error).message || 'Bad request';
    return { status: fastifyStatus, body: { error: { code, message } } };
  }
  if (isDatabaseBusy(exception)) {
    return {
      status: 503,
      body: { error: { code: 'SERVICE_BUSY', message: 'The shop is very busy right now; please try again' } },
    };
  }
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } } };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body } = toErrorResponse(exception);
    if (status === 503 && body.error.code === 'SERVICE_BUSY') {
      request.log.warn({ err: exception }, 'database busy');
      void reply.header('retry-after', '1');
    } else if (status >= 500) {
      request.log.error({ err: exception }, 'unhandled error');
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
