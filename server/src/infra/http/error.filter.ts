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
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } } };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { status, body } = toErrorResponse(exception);
    if (status >= 500) {
      request.log.error({ err: exception }, 'unhandled error');
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}
