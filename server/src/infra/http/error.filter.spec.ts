import { BadRequestException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import { NotFound, ValidationFailed } from './domain-error';
import { toErrorResponse } from './error.filter';

/** An error shaped like Prisma's (code, and the driver's code behind a generic P2039). */
function prismaError(code: string, originalCode?: number) {
  return Object.assign(new Error(`prisma ${code}`), {
    code,
    meta: originalCode === undefined ? {} : { driverAdapterError: { cause: { originalCode } } },
  });
}

describe('toErrorResponse', () => {
  it.each([
    ['a domain error', new NotFound('Product', 'PRODUCT_NOT_FOUND', { productId: '9' }), 404, 'PRODUCT_NOT_FOUND'],
    ['a validation failure', new ValidationFailed([{ path: 'page', message: 'too small' }]), 400, 'VALIDATION_FAILED'],
    ['a zod error', z.object({ a: z.number() }).safeParse({}).error, 400, 'VALIDATION_FAILED'],
    ['an unknown route', new NotFoundException(), 404, 'NOT_FOUND'],
    ['a Nest 400', new BadRequestException('bad'), 400, 'VALIDATION_FAILED'],
    [
      'a fastify body error',
      Object.assign(new Error('Unexpected end of JSON'), { statusCode: 400 }),
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a fastify media type error',
      Object.assign(new Error('Unsupported'), { statusCode: 415 }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['a bug', new TypeError('x is undefined'), 500, 'INTERNAL_ERROR'],
    ['an exhausted connection pool', prismaError('P2039', 45028), 503, 'SERVICE_BUSY'],
    ['a deadlock', prismaError('P2039', 1213), 503, 'SERVICE_BUSY'],
    ['a deadlock in a raw query', prismaError('P2010', 1213), 503, 'SERVICE_BUSY'],
    ['a write conflict', prismaError('P2034'), 503, 'SERVICE_BUSY'],
    ['a transaction that could not start', prismaError('P2028'), 503, 'SERVICE_BUSY'],
    ['another database error', prismaError('P2039', 1146), 500, 'INTERNAL_ERROR'],
    ['a unique violation nobody handled', prismaError('P2002'), 500, 'INTERNAL_ERROR'],
    ['a thrown string', 'oops', 500, 'INTERNAL_ERROR'],
  ])('maps %s to %i %s', (_what, exception, status, code) => {
    const response = toErrorResponse(exception);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(typeof response.body.error.message).toBe('string');
  });

  it('never leaks the message of an unexpected error', () => {
    const response = toErrorResponse(new Error('connect ECONNREFUSED 10.0.0.5:3306 password=secret'));
    expect(JSON.stringify(response.body)).not.toContain('secret');
    expect(JSON.stringify(response.body)).not.toContain('ECONNREFUSED');
  });

  it('lists the fields of a validation failure', () => {
    const response = toErrorResponse(new ValidationFailed([{ path: 'page', message: 'too small' }]));
    expect(response.body.error.details).toEqual({ fields: [{ path: 'page', message: 'too small' }] });
  });
});
