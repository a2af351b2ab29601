import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { RateLimited } from '../infra/http/domain-error';
import { RedisService } from '../infra/redis/redis.service';
import { InvalidShareScene, WechatLoginFailed, WechatPageNotFound, WechatUnavailable } from './wechat.errors';

const Code2Session = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().optional(),
});
const WechatError = z.object({ errcode: z.number(), errmsg: z.string().optional() });
const StableToken = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

const TOKEN_ERRORS = [40001, 42001];

/** Body of `POST /wxa/getwxacodeunlimit` (WECHAT.md §C.4), camel-cased. */
export interface UnlimitedCodeInput {
  /** ≤32 characters (see isValidWxacodeScene); the page gets it URL-encoded in `query.scene`. */
  scene: string;
  /** The page the code opens, without a leading `/` and without a query, e.g. `pages/product/index`. */
  page: string;
  /** WeChat's default true: the page must exist in the published version. */
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  /** Pixels, 280–1280 (WeChat's default 430). */
  width?: number;
}

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

/**
 * Mini-program server APIs (host api.weixin.qq.com or the sandbox: only the base URL differs).
 * Never logs codes, session keys or tokens.
 */
@Injectable()
export class WechatMiniClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RedisService) private readonly redis: RedisService,
  ) {}

  /** `GET /sns/jscode2session`: exchanges a wx.login code for the user's openid and session_key. */
  async code2Session(code: string): Promise<WechatSession> {
    const { appid, secret } = this.config.wechat;
    const query = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' });
    const body = await this.getJson(`/sns/jscode2session?${query}`, 'jscode2session');
    const failure = WechatError.safeParse(body);
    if (failure.success && failure.data.errcode !== 0) {
      const { errcode } = failure.data;
      if (errcode === 45011) throw new RateLimited('Too many login attempts; wait a minute');
      if (errcode === -1) throw new WechatUnavailable('jscode2session', errcode);
      throw new WechatLoginFailed(errcode);
    }
    const session = Code2Session.safeParse(body);
    if (!session.success) throw new WechatUnavailable('jscode2session');
    return { openid: session.data.openid, sessionKey: session.data.session_key, unionid: session.data.unionid };
  }

  /**
   * Access token through `POST /cgi-bin/stable_token`, cached in Redis for every process until
   * five minutes before it expires. `forceRefresh` after a 40001/42001 from another API.
   */
  async accessToken(forceRefresh = false): Promise<string> {
    const cacheKey = this.redis.key('wechat', 'access-token');
    if (!forceRefresh) {
      const cached = await this.redis.client.get(cacheKey);
      if (cached) return cached;
    }
    const { appid, secret } = this.config.wechat;
    const body = await this.postJson(
      '/cgi-bin/stable_token',
      { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh },
      'stable_token',
    );
    const token = StableToken.safeParse(body);
    if (!token.success) {
      const failure = WechatError.safeParse(body);
      throw new WechatUnavailable('stable_token', failure.success ? failure.data.errcode : undefined);
    }
    const ttl = Math.max(token.data.expires_in - 300, 30);
    await this.redis.client.set(cacheKey, token.data.access_token, 'EX', ttl);
    return token.data.access_token;
  }

  /**
   * `POST /wxa/getwxacodeunlimit`: an unlimited 小程序码 for `page` carrying `scene`, as image
   * bytes (PNG from the sandbox). 40169 → {@link InvalidShareScene}, 41030 →
   * {@link WechatPageNotFound}, 40001/42001 → refreshes the access token once and retries,
   * anything else → {@link WechatUnavailable}. Never logs the token.
   */
  async unlimitedCode(input: UnlimitedCodeInput): Promise<Buffer> {
    const body = {
      scene: input.scene,
      page: input.page,
      check_path: input.checkPath,
      env_version: input.envVersion,
      width: input.width,
    };
    let answer = await this.postForImage(await this.accessToken(), body);
    if ('errcode' in answer && TOKEN_ERRORS.includes(answer.errcode))
      answer = await this.postForImage(await this.accessToken(true), body);
    if ('image' in answer) return answer.image;
    if (answer.errcode === 40169) throw new InvalidShareScene();
    if (answer.errcode === 41030) throw new WechatPageNotFound(input.page);
    throw new WechatUnavailable('getwxacodeunlimit', answer.errcode);
  }

  /** Success is a binary image (by Content-Type), failure a JSON errcode. */
  private async postForImage(token: string, payload: unknown): Promise<{ image: Buffer } | { errcode: number }> {
    const what = 'getwxacodeunlimit';
    let response: Response;
    let bytes: Buffer;
    try {
      response = await fetch(
        `${this.config.wechat.apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(10_000),
        },
      );
      bytes = Buffer.from(await response.arrayBuffer());
    } catch {
      throw new WechatUnavailable(what);
    }
    if (!response.ok) throw new WechatUnavailable(what);
    if ((response.headers.get('content-type') ?? '').toLowerCase().startsWith('image/')) {
      if (bytes.length === 0) throw new WechatUnavailable(what);
      return { image: bytes };
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new WechatUnavailable(what);
    }
    const failure = WechatError.safeParse(json);
    if (!failure.success || failure.data.errcode === 0) throw new WechatUnavailable(what);
    return { errcode: failure.data.errcode };
  }

  private async getJson(pathAndQuery: string, what: string): Promise<unknown> {
    return this.send(pathAndQuery, { method: 'GET' }, what);
  }

  private async postJson(path: string, payload: unknown, what: string): Promise<unknown> {
    return this.send(
      path,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) },
      what,
    );
  }

  private async send(pathAndQuery: string, init: RequestInit, what: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.config.wechat.apiBase}${pathAndQuery}`, {
        ...init,
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      throw new WechatUnavailable(what);
    }
    if (!response.ok) throw new WechatUnavailable(what);
    try {
      return await response.json();
    } catch {
      throw new WechatUnavailable(what);
    }
  }
}
