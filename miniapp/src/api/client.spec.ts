import Taro from '@tarojs/taro';
import { z } from 'zod';
import { ApiError, BAD_RESPONSE, buildUrl, NETWORK_ERROR, request, setRelogin } from './client';
import { session } from '../stores/session';

const requestMock = Taro.request as unknown as jest.Mock;
const Ok = z.object({ ok: z.boolean() });
const user = {
  id: '1',
  nickname: 'n',
  avatarUrl: '',
  phone: null,
  birthday: null,
  roles: ['CONSUMER' as const],
  memberLevel: { level: 0, name: '普通会员' },
  points: { available: 0, frozen: 0 },
  distributor: { status: 'NONE' as const, code: null },
  createdAt: '2026-11-24T00:00:00.000Z',
};

beforeEach(() => {
  requestMock.mockReset();
  session.signedOut();
  setRelogin(async () => session.signedIn({ token: 'fresh', user }));
});

describe('buildUrl', () => {
  it.each<[Record<string, string | number | undefined>, string]>([
    [{}, '/api/v1/products'],
    [{ page: 2, q: undefined }, '/api/v1/products?page=2'],
    [{ q: '连衣裙 夏', sort: 'sales' }, '/api/v1/products?q=%E8%BF%9E%E8%A1%A3%E8%A3%99%20%E5%A4%8F&sort=sales'],
    [{ q: '' }, '/api/v1/products'],
  ])('%j', (query, expected) => {
    expect(buildUrl('/api/v1/products', query)).toBe(expected);
  });
});

describe('request', () => {
  it('sends the bearer token and Idempotency-Key, and validates the body', async () => {
    session.signedIn({ token: 'tok', user });
    requestMock.mockResolvedValueOnce({ statusCode: 201, data: { ok: true } });
    await expect(request('/api/v1/x', Ok, { method: 'POST', body: { a: 1 }, idempotencyKey: 'k-1' })).resolves.toEqual({
      ok: true,
    });
    const sent = requestMock.mock.calls[0][0];
    expect(sent.method).toBe('POST');
    expect(sent.header.Authorization).toBe('Bearer tok');
    expect(sent.header['Idempotency-Key']).toBe('k-1');
    expect(sent.data).toEqual({ a: 1 });
  });

  it('turns the error body into an ApiError with status, code, message and details', async () => {
    requestMock.mockResolvedValueOnce({
      statusCode: 404,
      data: { error: { code: 'PRODUCT_NOT_FOUND', message: '商品不存在', details: { id: '9' } } },
    });
    const error = await request('/api/v1/products/9', Ok).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'PRODUCT_NOT_FOUND',
      message: '商品不存在',
      details: { id: '9' },
    });
  });

  it('on 401 logs in again once and retries with the new token', async () => {
    session.signedIn({ token: 'stale', user });
    requestMock
      .mockResolvedValueOnce({ statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } })
      .mockResolvedValueOnce({ statusCode: 200, data: { ok: true } });
    await expect(request('/api/v1/me', Ok)).resolves.toEqual({ ok: true });
    expect(requestMock).toHaveBeenCalledTimes(2);
    expect(requestMock.mock.calls[1][0].header.Authorization).toBe('Bearer fresh');
  });

  it('a second 401 after re-login is the caller’s error, not a loop', async () => {
    const unauthenticated = { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } };
    requestMock.mockResolvedValue(unauthenticated);
    await expect(request('/api/v1/me', Ok)).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(requestMock).toHaveBeenCalledTimes(2);
  });

  it('a body outside the contract is BAD_RESPONSE; a network failure is NETWORK_ERROR', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: { ok: 'yes' } });
    await expect(request('/api/v1/x', Ok)).rejects.toMatchObject({ code: BAD_RESPONSE });
    requestMock.mockRejectedValueOnce(new Error('request:fail'));
    await expect(request('/api/v1/x', Ok)).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('a non-JSON error body still yields an ApiError', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 502, data: null });
    await expect(request('/api/v1/x', Ok)).rejects.toMatchObject({ status: 502, code: 'INTERNAL_ERROR' });
  });
});
