import { randomBytes } from 'node:crypto';
import jsQR from 'jsqr';
import { loadConfig, type AppConfig } from '../../src/infra/config/env.schema';
import { RedisService } from '../../src/infra/redis/redis.service';
import { parseWxacodeContent } from '../../src/sandbox/sandbox-wxacode';
import { startWechatSandbox, type WechatSandbox } from '../../src/sandbox/wechat-sandbox';
import { WechatMiniClient } from '../../src/wechat/wechat-mini.client';
import { InvalidShareScene, WechatPageNotFound, WechatUnavailable } from '../../src/wechat/wechat.errors';

// pngjs ships no types (it is qrcode's own PNG encoder); only its synchronous reader is used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PNG } = require('pngjs') as {
  PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } };
};

/**
 * 小程序码 (getwxacodeunlimit) between WechatMiniClient and the sandbox: a real PNG that decodes
 * to the page and scene, WeChat's errcodes mapped to the shop's errors, and the access token
 * refreshed once when WeChat no longer accepts it. Real Redis holds the token cache.
 */

const PAGES = ['pages/home/index', 'pages/product/index', 'subpackages/order/detail/index'];

let sandbox: WechatSandbox;
let config: AppConfig;
let redis: RedisService;
let mini: WechatMiniClient;

/** The text of the QR code in a PNG (throws when there is none). */
function decode(png: Buffer): { text: string; width: number } {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height, { inversionAttempts: 'dontInvert' });
  if (!code) throw new Error('no QR code in the image');
  return { text: code.data, width: image.width };
}

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  config = loadConfig({ NODE_ENV: 'test', REDIS_PREFIX: `wxacode-test-${randomBytes(4).toString('hex')}` });
  sandbox = await startWechatSandbox({
    appid: config.wechat.appid,
    secret: config.wechat.secret,
    port: 0,
    env: 'test',
    pages: PAGES,
  });
  config.wechat.apiBase = sandbox.url;
  redis = new RedisService(config);
  mini = new WechatMiniClient(config, redis);
});

afterAll(async () => {
  await redis?.client.del(redis.key('wechat', 'access-token'));
  await redis?.onModuleDestroy();
  await sandbox?.close();
});

describe('getwxacodeunlimit', () => {
  it('returns a PNG whose QR code reads back as the page and the scene', async () => {
    const scene = 'r=K7M3PQ&p=2N9';
    const png = await mini.unlimitedCode({ scene, page: 'pages/product/index' });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const { text, width } = decode(png);
    expect(text).toBe('pages/product/index?scene=r%3DK7M3PQ%26p%3D2N9');
    expect(parseWxacodeContent(text)).toEqual({ page: 'pages/product/index', scene });
    expect(width).toBe(430);

    const issued = JSON.parse((await call('GET', `/sandbox/wxacodes?scene=${encodeURIComponent(scene)}`)).text);
    expect(issued.items).toEqual([
      expect.objectContaining({ scene, page: 'pages/product/index', envVersion: 'release', width: 430 }),
    ]);
  });

  it('takes a full 32-character scene with every allowed symbol, and the width within 280–1280', async () => {
    const scene = "a=1&b=2!#$'()*+,/:;?@-._~XYZ0123";
    expect(scene).toHaveLength(32);
    const png = await mini.unlimitedCode({ scene, page: 'subpackages/order/detail/index', width: 100 });
    const { text, width } = decode(png);
    expect(parseWxacodeContent(text)).toEqual({ page: 'subpackages/order/detail/index', scene });
    expect(width).toBe(280);
  });

  it.each([
    ['a 33-character scene', 'x'.repeat(33)],
    ['an empty scene', ''],
    ['a URL-encoded scene', 'r=%E4%B8%AD'],
    ['a Chinese scene', 'r=中'],
  ])('maps 40169 for %s to INVALID_SHARE_SCENE (400)', async (_name, scene) => {
    const error = await rejection(mini.unlimitedCode({ scene, page: 'pages/home/index' }));
    expect(error).toBeInstanceOf(InvalidShareScene);
    expect(error).toMatchObject({ code: 'INVALID_SHARE_SCENE', status: 400, details: { errcode: 40169 } });
  });

  it('maps 41030 for a page that is not published, unless check_path is off', async () => {
    const error = await rejection(mini.unlimitedCode({ scene: 'r=K7M3PQ', page: 'pages/nope/index' }));
    expect(error).toBeInstanceOf(WechatPageNotFound);
    expect(error).toMatchObject({
      code: 'WECHAT_PAGE_NOT_FOUND',
      status: 400,
      details: { errcode: 41030, page: 'pages/nope/index' },
    });
    const leadingSlash = await rejection(mini.unlimitedCode({ scene: 'r=K7M3PQ', page: '/pages/home/index' }));
    expect(leadingSlash).toBeInstanceOf(WechatPageNotFound);

    const trial = await mini.unlimitedCode({
      scene: 'r=K7M3PQ',
      page: 'pages/nope/index',
      checkPath: false,
      envVersion: 'trial',
    });
    expect(decode(trial).text).toBe('pages/nope/index?scene=r%3DK7M3PQ');
  });

  it('refreshes the access token once when WeChat no longer accepts it', async () => {
    await mini.unlimitedCode({ scene: 'r=BEFORE', page: 'pages/home/index' });
    const cached = await redis.client.get(redis.key('wechat', 'access-token'));
    await call('POST', '/sandbox/tokens/expire');
    const png = await mini.unlimitedCode({ scene: 'r=AFTER', page: 'pages/home/index' });
    expect(parseWxacodeContent(decode(png).text)).toEqual({ page: 'pages/home/index', scene: 'r=AFTER' });
    const refreshed = await redis.client.get(redis.key('wechat', 'access-token'));
    expect(refreshed).toEqual(expect.any(String));
    expect(refreshed).not.toBe(cached);
  });

  it.each([
    ['a rate limit', 45009],
    ['a system error', -1],
  ])('maps %s (%p) to WECHAT_UNAVAILABLE', async (_name, errcode) => {
    await call('POST', '/sandbox/faults', { path: '/wxa/getwxacodeunlimit', errcode });
    const error = await rejection(mini.unlimitedCode({ scene: 'r=K7M3PQ', page: 'pages/home/index' }));
    expect(error).toBeInstanceOf(WechatUnavailable);
    expect(error).toMatchObject({ code: 'WECHAT_UNAVAILABLE', status: 503, details: { errcode } });
  });
});

describe('the sandbox route itself', () => {
  it('answers JSON errcodes to bad tokens and bad arguments, a PNG otherwise', async () => {
    const noToken = await call('POST', '/wxa/getwxacodeunlimit', { scene: 'a=1' });
    expect(noToken.type).toMatch(/^application\/json/);
    expect(JSON.parse(noToken.text)).toMatchObject({ errcode: 40001 });

    const token = await mini.accessToken();
    const url = `/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`;
    expect(JSON.parse((await call('POST', url, { scene: 'a=1', env_version: 'beta' })).text)).toMatchObject({
      errcode: 40097,
    });
    // Without page: the home page (the first published page).
    const home = await fetch(`${sandbox.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scene: 'a=1' }),
    });
    expect(home.headers.get('content-type')).toBe('image/png');
    expect(decode(Buffer.from(await home.arrayBuffer())).text).toBe('pages/home/index?scene=a%3D1');
  });
});
