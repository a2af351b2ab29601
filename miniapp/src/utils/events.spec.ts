import Taro from '@tarojs/taro';
import { MAX_EVENTS_PER_BATCH } from '@weshop/shared';
import { session } from '../stores/session';
import { FLUSH_AFTER_MS, FLUSH_AT, flush, MAX_QUEUED, queued, setVisit, track } from './events';

/** Batching behaviour events: pages never wait, batches leave on time, on size and on hide. */
const requestMock = Taro.request as unknown as jest.Mock;
type Sent = { url: string; data: { events: Record<string, unknown>[] }; header: Record<string, string> };
const batches = () => requestMock.mock.calls.map((c) => (c[0] as Sent).data.events);
const at = new Date('2026-11-24T08:00:00.000Z');
const view = (n: number) => track('PRODUCT_VIEW', { productId: String(n), page: 'pages/product/index' }, at);

beforeEach(async () => {
  jest.useFakeTimers();
  requestMock.mockReset();
  requestMock.mockResolvedValue({ statusCode: 202, data: { accepted: 1, rejected: [] } });
  await flush(); // empties what an earlier test left
  requestMock.mockClear();
  setVisit(null);
  session.signedOut();
});
afterEach(() => jest.useRealTimers());

it('waits a few seconds, then sends everything in one batch with the device id (anonymous)', async () => {
  view(1);
  track('PAGE_VIEW', { page: 'pages/home/index' }, at);
  expect(requestMock).not.toHaveBeenCalled();
  await jest.advanceTimersByTimeAsync(FLUSH_AFTER_MS);
  expect(batches()).toEqual([
    [
      { type: 'PRODUCT_VIEW', at: at.toISOString(), productId: '1', page: 'pages/product/index' },
      { type: 'PAGE_VIEW', at: at.toISOString(), page: 'pages/home/index' },
    ],
  ]);
  const { url, header } = requestMock.mock.calls[0][0] as Sent;
  expect(url).toBe('/api/v1/events');
  expect(header['X-Device-Id']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(header.Authorization).toBeUndefined();
});

it('a full batch leaves at once; events carry the visit and the session', async () => {
  session.signedIn({ token: 'tok', user: null as never });
  setVisit('41');
  for (let i = 1; i <= FLUSH_AT; i += 1) view(i);
  await jest.advanceTimersByTimeAsync(0);
  expect(batches()).toHaveLength(1);
  expect(batches()[0]).toHaveLength(FLUSH_AT);
  expect(batches()[0][0]).toMatchObject({ visitId: '41' });
  expect((requestMock.mock.calls[0][0] as Sent).header.Authorization).toBe('Bearer tok');
});

it('flush (the app hiding) sends at once, in batches of at most the server’s limit', async () => {
  requestMock.mockRejectedValue(new Error('offline'));
  for (let i = 1; i <= 120; i += 1) track('SHARE', {}, at);
  await jest.advanceTimersByTimeAsync(0);
  expect(queued()).toBe(120); // offline: all kept, in order

  requestMock.mockReset();
  requestMock.mockResolvedValue({ statusCode: 202, data: { accepted: 1, rejected: [] } });
  await flush();
  expect(batches().map((b) => b.length)).toEqual([MAX_EVENTS_PER_BATCH, MAX_EVENTS_PER_BATCH, 20]);
  expect(queued()).toBe(0);
});

it('without an answer a batch is kept (the newest MAX_QUEUED) and retried; a 4xx drops it', async () => {
  requestMock.mockRejectedValue(new Error('offline'));
  for (let i = 1; i <= MAX_QUEUED + 10; i += 1) track('SHARE', {}, at);
  await jest.advanceTimersByTimeAsync(0);
  expect(queued()).toBe(MAX_QUEUED);

  requestMock.mockReset();
  requestMock.mockResolvedValue({ statusCode: 400, data: { error: { code: 'VALIDATION_FAILED', message: 'x' } } });
  await jest.advanceTimersByTimeAsync(FLUSH_AFTER_MS); // the retry
  expect(requestMock).toHaveBeenCalledTimes(Math.ceil(MAX_QUEUED / MAX_EVENTS_PER_BATCH));
  expect(queued()).toBe(0);
});

it('never throws and drops what cannot be valid; ids that are not ids are left out', async () => {
  expect(() => track('PRODUCT_VIEW', {}, at)).not.toThrow(); // no product: dropped
  track('PRODUCT_VIEW', { productId: '5', postId: 'not-an-id' }, at);
  expect(queued()).toBe(1);
  await flush();
  expect(batches()).toEqual([[{ type: 'PRODUCT_VIEW', at: at.toISOString(), productId: '5' }]]);
});
