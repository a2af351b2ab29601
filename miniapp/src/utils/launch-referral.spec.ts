import Taro from '@tarojs/taro';
import { pendingReferral } from '../stores/referral';
import { session } from '../stores/session';
import { referralOnLaunch, referralOnShow, sendPendingReferral } from './launch-referral';

/** The launch runner against a programmed `Taro.request`: what is sent, what is kept, and that nothing throws. */
const requestMock = Taro.request as unknown as jest.Mock;
const navigateMock = Taro.navigateTo as unknown as jest.Mock;
const user = {
  id: '7',
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
const bound = { bound: true, outcome: 'BOUND', distributorCode: 'K7M3PQ', until: null };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  requestMock.mockReset();
  navigateMock.mockClear();
  pendingReferral.clear();
  session.signedIn({ token: 'tok', user });
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

it('a shared link binds by LINK once signed in, and the pending bind is cleared', async () => {
  requestMock.mockResolvedValue({ statusCode: 200, data: bound });
  let signIn!: () => void;
  const signedIn = new Promise<void>((resolve) => (signIn = resolve));
  referralOnLaunch({ path: 'pages/product/index', query: { id: '12', ref: 'K7M3PQ' }, scene: 1007 }, signedIn);
  await flush();
  expect(requestMock).not.toHaveBeenCalled(); // not before the login
  expect(pendingReferral.get()).toEqual({ code: 'K7M3PQ', source: 'LINK' });

  signIn();
  await flush();
  await sendPendingReferral();
  expect(requestMock).toHaveBeenCalledTimes(1);
  const sent = requestMock.mock.calls[0][0];
  expect([sent.method, sent.url, sent.data]).toEqual([
    'POST',
    '/api/v1/distribution/bind',
    { code: 'K7M3PQ', source: 'LINK' },
  ]);
  expect(sent.header.Authorization).toBe('Bearer tok');
  expect(pendingReferral.get()).toBeNull();
  expect(navigateMock).not.toHaveBeenCalled(); // already on the product
});

it('a mini-program code binds by CODE and opens its product', async () => {
  requestMock.mockResolvedValue({ statusCode: 200, data: bound });
  referralOnLaunch(
    { path: 'pages/home/index', query: { scene: encodeURIComponent('r=ABCDEF&p=c') }, scene: 1047 },
    Promise.resolve(),
  );
  await flush();
  await sendPendingReferral();
  expect(requestMock.mock.calls[0][0].data).toEqual({ code: 'ABCDEF', source: 'CODE' });
  expect(navigateMock).toHaveBeenCalledWith({ url: '/pages/product/index?id=12' });
});

it.each<[string, number, string]>([
  ['REFERRAL_SELF', 409, 'SELFXX'],
  ['REFERRAL_CYCLE', 409, 'CYCLEX'],
  ['REFERRAL_CODE_UNKNOWN', 404, 'UNKNWN'],
])('a refused bind (%s) is dropped quietly: logged, no toast, nothing thrown', async (code, status, ref) => {
  requestMock.mockResolvedValue({ statusCode: status, data: { error: { code, message: 'no' } } });
  referralOnLaunch({ path: 'pages/product/index', query: { id: '1', ref } }, Promise.resolve());
  await flush();
  await sendPendingReferral();
  expect(pendingReferral.get()).toBeNull();
  expect(Taro.showToast).not.toHaveBeenCalled();
  expect(console.warn).toHaveBeenCalledWith(expect.stringContaining(code));
});

it('without an answer (network) the bind is kept for the next launch', async () => {
  requestMock.mockRejectedValue(new Error('request:fail'));
  referralOnLaunch({ path: 'pages/product/index', query: { id: '1', ref: 'HJKLMN' } }, Promise.resolve());
  await flush();
  await sendPendingReferral();
  expect(pendingReferral.get()).toEqual({ code: 'HJKLMN', source: 'LINK' });

  // The next launch (no ref of its own) sends it.
  requestMock.mockReset();
  requestMock.mockResolvedValue({ statusCode: 200, data: bound });
  referralOnLaunch({ path: 'pages/home/index', query: {} }, Promise.resolve());
  await flush();
  await sendPendingReferral();
  expect(requestMock.mock.calls[0][0].data).toEqual({ code: 'HJKLMN', source: 'LINK' });
  expect(pendingReferral.get()).toBeNull();
});

it('signed out: nothing is sent and the bind waits', async () => {
  session.signedOut();
  referralOnLaunch({ path: 'pages/product/index', query: { id: '1', ref: 'PQRSTU' } }, Promise.resolve());
  await flush();
  await sendPendingReferral();
  expect(requestMock).not.toHaveBeenCalled();
  expect(pendingReferral.get()).toEqual({ code: 'PQRSTU', source: 'LINK' });
});

it('the first show repeats the launch and is ignored; a later show (hot start) binds its own code', async () => {
  requestMock.mockResolvedValue({ statusCode: 200, data: bound });
  referralOnShow({ path: 'pages/product/index', query: { id: '1', ref: 'WXYZ23' } });
  await flush();
  await sendPendingReferral();
  expect(requestMock).not.toHaveBeenCalled();

  referralOnShow({ path: 'pages/product/index', query: { id: '1', ref: 'WXYZ23' } });
  await flush();
  await sendPendingReferral();
  expect(requestMock.mock.calls.map((c) => c[0].data)).toEqual([{ code: 'WXYZ23', source: 'LINK' }]);
});

it('unreadable options never throw', () => {
  expect(() => referralOnLaunch(undefined, Promise.resolve())).not.toThrow();
  expect(() => referralOnLaunch({ query: null }, Promise.resolve())).not.toThrow();
});
