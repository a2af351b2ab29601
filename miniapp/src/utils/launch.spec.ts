import Taro from '@tarojs/taro';
import { session } from '../stores/session';
import { appLaunched, entryKey, launchRequestOf } from './launch';

/** The body of POST /launch, and the share ticket's group data on both platforms. */
const requestMock = Taro.request as unknown as jest.Mock;
const taro = Taro as unknown as Record<string, unknown>;
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
const settle = async () => {
  for (let i = 0; i < 10; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
};
type Sent = { method: string; url: string; data: Record<string, unknown> };
const sent = (): Sent[] => requestMock.mock.calls.map((c) => c[0] as Sent);
const launchBody = () => sent().find((s) => s.url.endsWith('/api/v1/launch'))?.data;
const env = process.env.TARO_ENV;

beforeEach(() => {
  requestMock.mockReset();
  session.signedIn({ token: 'tok', user });
  session.rememberSandboxName('alice');
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  process.env.TARO_ENV = env;
  delete taro.getGroupEnterInfo;
  jest.restoreAllMocks();
});

describe('launchRequestOf', () => {
  it.each<[string, Parameters<typeof launchRequestOf>[0], Record<string, unknown>]>([
    [
      'weapp options as they come',
      { scene: 1007, path: 'pages/product/index', query: { id: '12', ref: 'K7M3PQ' } },
      { scene: 1007, path: 'pages/product/index', query: { id: '12', ref: 'K7M3PQ' } },
    ],
    [
      'h5 (scene 0, leading slash, Taro stamps)',
      { scene: 0, path: '/pages/home/index', query: { $taroTimestamp: '1', as: 'a' } },
      { scene: 0, path: 'pages/home/index', query: { as: 'a' } },
    ],
    ['no scene, no path, no query', {}, { scene: null, path: '', query: {} }],
    ['a scene that is not one', { scene: 1.5 }, { scene: null, path: '', query: {} }],
    [
      'a long value is cut to the contract',
      { query: { q: 'x'.repeat(600) } },
      { scene: null, path: '', query: { q: 'x'.repeat(512) } },
    ],
  ])('%s', (_name, options, body) => {
    expect(launchRequestOf(options, null)).toEqual(body);
  });

  it('carries the share ticket data when there is some', () => {
    expect(launchRequestOf({ scene: 1044 }, { encryptedData: 'e', iv: 'i' })).toMatchObject({
      scene: 1044,
      shareTicket: { encryptedData: 'e', iv: 'i' },
    });
  });
});

it('entryKey: the same scene and query is the same entry, whatever the path or the stamps', () => {
  const a = entryKey({ scene: 1007, path: 'pages/a', query: { id: '1', ref: 'X' } });
  expect(entryKey({ scene: 1007, path: 'pages/b', query: { ref: 'X', id: '1', $taroTimestamp: '9' } })).toBe(a);
  expect(entryKey({ scene: 1089, path: 'pages/a', query: { id: '1', ref: 'X' } })).not.toBe(a);
  expect(entryKey({ scene: 1007, path: 'pages/a', query: { id: '2', ref: 'X' } })).not.toBe(a);
});

it('weapp: a group card with a share ticket sends what getGroupEnterInfo gave', async () => {
  taro.getGroupEnterInfo = jest.fn((options: { success: (res: unknown) => void }) => {
    options.success({ errMsg: 'getGroupEnterInfo:ok', encryptedData: 'ENC', iv: 'IV' });
    return Promise.resolve();
  });
  requestMock.mockResolvedValue({ statusCode: 200, data: { visitId: '1', source: 'GROUP_CHAT' } });
  appLaunched({ scene: 1044, path: 'pages/home/index', query: { g: '1' }, shareTicket: 'ticket-1' }, Promise.resolve());
  await settle();
  expect(launchBody()).toEqual({
    scene: 1044,
    path: 'pages/home/index',
    query: { g: '1' },
    shareTicket: { encryptedData: 'ENC', iv: 'IV' },
  });
});

it('weapp: when getGroupEnterInfo fails (user left the group) the launch goes without group data', async () => {
  taro.getGroupEnterInfo = jest.fn((options: { fail: (res: unknown) => void }) => {
    options.fail({ errMsg: 'getGroupEnterInfo:fail 65206' });
    return Promise.reject(new Error('fail'));
  });
  requestMock.mockResolvedValue({ statusCode: 200, data: { visitId: '1', source: 'GROUP_CHAT' } });
  appLaunched({ scene: 1044, path: 'pages/home/index', query: { g: '2' }, shareTicket: 'ticket-2' }, Promise.resolve());
  await settle();
  expect(launchBody()).toEqual({ scene: 1044, path: 'pages/home/index', query: { g: '2' } });
});

it('h5: a test opengid in the URL asks the sandbox to seal the group data (scene 1044)', async () => {
  process.env.TARO_ENV = 'h5';
  requestMock.mockImplementation(async ({ url }: Sent) => {
    if (url.endsWith('/api/v1/sandbox-info')) return { statusCode: 200, data: { sandboxUrl: 'http://127.0.0.1:9/' } };
    if (url === 'http://127.0.0.1:9/sandbox/group-enter-info')
      return { statusCode: 200, data: { encryptedData: 'E', iv: 'I' } };
    return { statusCode: 200, data: { visitId: '3', source: 'GROUP_CHAT' } };
  });
  appLaunched({ scene: 0, path: 'pages/home/index', query: { opengid: 'tGroup1' } }, Promise.resolve());
  await settle();
  expect(sent().find((s) => s.url.includes('/sandbox/group-enter-info'))?.data).toEqual({
    name: 'alice',
    opengid: 'tGroup1',
  });
  expect(launchBody()).toEqual({
    scene: 1044,
    path: 'pages/home/index',
    query: { opengid: 'tGroup1' },
    shareTicket: { encryptedData: 'E', iv: 'I' },
  });
});
