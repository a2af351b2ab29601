import Taro from '@tarojs/taro';
import { pendingReferral } from '../stores/referral';
import { session } from '../stores/session';
import { appLaunched, appShown } from './launch';

/**
 * A launch's referral against a programmed `Taro.request`: POST /launch carries it and the server
 * binds (exactly one request per referral); only a launch without an answer, or refused outright,
 * leaves it to POST /distribution/bind. Nothing throws, nothing toasts.
 */
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
const launched = (extra: Record<string, unknown> = {}) => ({
  statusCode: 200,
  data: { visitId: '41', source: 'SINGLE_CHAT', ...extra },
});
const bound = { bound: true, outcome: 'BOUND', distributorCode: 'K7M3PQ', until: null };
/** Lets the runner's background chain (login → launch → bind) run to its end. */
const settle = async () => {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
type Sent = { method: string; url: string; data: unknown; header: Record<string, string> };
const sent = (): Sent[] => requestMock.mock.calls.map((c) => c[0] as Sent);
const urls = () => sent().map((s) => `${s.method} ${s.url}`);

/** Answers per route: POST /launch and POST /distribution/bind. */
function answer(routes: { launch?: () => unknown; bind?: () => unknown }) {
  requestMock.mockImplementation(async (options: Sent) => {
    const route = options.url.endsWith('/api/v1/launch') ? routes.launch : routes.bind;
    if (!route) throw new Error(`unexpected ${options.url}`);
    return route();
  });
}

beforeEach(() => {
  requestMock.mockReset();
  navigateMock.mockClear();
  pendingReferral.clear();
  session.signedIn({ token: 'tok', user });
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

it('a shared link is bound by the launch itself once signed in: one POST /launch, no /distribution/bind', async () => {
  answer({ launch: () => launched({ bound: { distributorCode: 'K7M3PQ' } }) });
  let signIn!: () => void;
  const signedIn = new Promise<void>((resolve) => (signIn = resolve));
  appLaunched({ path: 'pages/product/index', query: { id: '12', ref: 'K7M3PQ' }, scene: 1007 }, signedIn);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(requestMock).not.toHaveBeenCalled(); // not before the login
  expect(pendingReferral.get()).toEqual({ code: 'K7M3PQ', source: 'LINK' });

  signIn();
  await settle();
  expect(urls()).toEqual(['POST /api/v1/launch']);
  expect(sent()[0].data).toEqual({ scene: 1007, path: 'pages/product/index', query: { id: '12', ref: 'K7M3PQ' } });
  expect(sent()[0].header.Authorization).toBe('Bearer tok');
  expect(pendingReferral.get()).toBeNull();
  expect(navigateMock).not.toHaveBeenCalled(); // already on the product
});

it('a mini-program code: the launch carries its scene, and its product opens', async () => {
  answer({ launch: () => launched({ source: 'CODE', bound: { distributorCode: 'ABCDEF' } }) });
  const scene = encodeURIComponent('r=ABCDEF&p=c');
  appLaunched({ path: 'pages/home/index', query: { scene }, scene: 1047 }, Promise.resolve());
  await settle();
  expect(urls()).toEqual(['POST /api/v1/launch']);
  expect(sent()[0].data).toMatchObject({ scene: 1047, query: { scene } });
  expect(pendingReferral.get()).toBeNull();
  expect(navigateMock).toHaveBeenCalledWith({ url: '/pages/product/index?id=12' });
});

it('an answered launch that did not bind (already bound, unknown code) settles the referral too', async () => {
  answer({ launch: () => launched() });
  appLaunched({ path: 'pages/product/index', query: { id: '2', ref: 'UNKNWN' }, scene: 1008 }, Promise.resolve());
  await settle();
  expect(urls()).toEqual(['POST /api/v1/launch']);
  expect(pendingReferral.get()).toBeNull();
});

it.each<[string, number, string]>([
  ['REFERRAL_SELF', 409, 'SELFXX'],
  ['REFERRAL_CYCLE', 409, 'CYCLEX'],
  ['REFERRAL_CODE_UNKNOWN', 404, 'UNKNWX'],
])(
  'a launch refused outright goes the direct way; a refused bind (%s) is then dropped quietly',
  async (code, status, ref) => {
    answer({
      launch: () => ({ statusCode: 400, data: { error: { code: 'VALIDATION_FAILED', message: 'no' } } }),
      bind: () => ({ statusCode: status, data: { error: { code, message: 'no' } } }),
    });
    appLaunched({ path: 'pages/product/index', query: { id: '1', ref }, scene: 1007 }, Promise.resolve());
    await settle();
    expect(urls()).toEqual(['POST /api/v1/launch', 'POST /api/v1/distribution/bind']);
    expect(sent()[1].data).toEqual({ code: ref, source: 'LINK' });
    expect(pendingReferral.get()).toBeNull();
    expect(Taro.showToast).not.toHaveBeenCalled();
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining(code));
  },
);

it('without an answer (network) the referral is kept; after the next answered launch it binds directly', async () => {
  requestMock.mockRejectedValue(new Error('request:fail'));
  appLaunched({ path: 'pages/product/index', query: { id: '1', ref: 'HJKLMN' }, scene: 1007 }, Promise.resolve());
  await settle();
  expect(urls()).toEqual(['POST /api/v1/launch']);
  expect(pendingReferral.get()).toEqual({ code: 'HJKLMN', source: 'LINK' });

  // The next entry (no ref of its own) is answered: the kept referral follows by /distribution/bind.
  requestMock.mockReset();
  answer({ launch: () => launched({ source: 'DIRECT' }), bind: () => ({ statusCode: 200, data: bound }) });
  appShown({ path: 'pages/home/index', query: {}, scene: 1001 });
  await settle();
  expect(urls()).toEqual(['POST /api/v1/launch', 'POST /api/v1/distribution/bind']);
  expect(sent()[1].data).toEqual({ code: 'HJKLMN', source: 'LINK' });
  expect(pendingReferral.get()).toBeNull();
});

it('signed out: nothing is sent and the referral waits', async () => {
  session.signedOut();
  appLaunched({ path: 'pages/product/index', query: { id: '1', ref: 'PQRSTU' }, scene: 1007 }, Promise.resolve());
  await settle();
  expect(requestMock).not.toHaveBeenCalled();
  expect(pendingReferral.get()).toEqual({ code: 'PQRSTU', source: 'LINK' });
});

it('a show repeating the last entry is ignored; a show with a new scene is reported with its own code', async () => {
  answer({ launch: () => launched() });
  const options = { path: 'pages/product/index', query: { id: '1', ref: 'WXYZ23' }, scene: 1007 };
  appLaunched(options, Promise.resolve());
  appShown(options); // the first show repeats the launch
  await settle();
  expect(urls()).toEqual(['POST /api/v1/launch']);

  appShown({ ...options, scene: 1044, query: { id: '1', ref: 'WXYZ24' } }); // a hot start from a group card
  appShown({ ...options, scene: 1044, query: { id: '1', ref: 'WXYZ24' } }); // …and back from the background
  await settle();
  expect(sent().map((s) => (s.data as { query: unknown }).query)).toEqual([
    { id: '1', ref: 'WXYZ23' },
    { id: '1', ref: 'WXYZ24' },
  ]);
});

it('unreadable options never throw', () => {
  expect(() => appLaunched(undefined, Promise.resolve())).not.toThrow();
  expect(() => appLaunched({ query: null }, Promise.resolve())).not.toThrow();
  expect(() => appShown({ query: { scene: '%E0%A4%A' } })).not.toThrow();
});
