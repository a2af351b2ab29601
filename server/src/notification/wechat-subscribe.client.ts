import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { WechatMiniClient } from '../wechat/wechat-mini.client';
import type { SendOutcome } from './notification.policy';

/** Body of `POST /cgi-bin/message/subscribe/send` (WECHAT.md §C.5). */
export interface SubscribeSendBody {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
  lang?: 'zh_CN';
}

const Answer = z.object({ errcode: z.number().int().default(0), errmsg: z.string().default('') });
const TOKEN_ERRORS = [40001, 42001];

/**
 * 订阅消息 send. Never throws: the answer is an outcome for the send policy (sent, WeChat's errcode,
 * or unavailable — with whether the message may have gone out). A 40001/42001 refreshes the access
 * token once and retries. Never logs the token or the message.
 */
@Injectable()
export class WechatSubscribeClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WechatMiniClient) private readonly mini: WechatMiniClient,
  ) {}

  async send(body: SubscribeSendBody): Promise<SendOutcome> {
    let token: string;
    try {
      token = await this.mini.accessToken();
    } catch {
      return { kind: 'unavailable', mayHaveSent: false };
    }
    let outcome = await this.post(token, body);
    if (outcome.kind === 'errcode' && TOKEN_ERRORS.includes(outcome.errcode)) {
      try {
        outcome = await this.post(await this.mini.accessToken(true), body);
      } catch {
        return { kind: 'unavailable', mayHaveSent: false };
      }
    }
    return outcome;
  }

  private async post(token: string, body: SubscribeSendBody): Promise<SendOutcome> {
    let response: Response;
    try {
      response = await fetch(
        `${this.config.wechat.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5_000),
        },
      );
    } catch (error) {
      // A timeout may come after WeChat sent; a refused connection never reached it.
      const timedOut = (error as { name?: string }).name === 'TimeoutError';
      return { kind: 'unavailable', mayHaveSent: timedOut };
    }
    if (!response.ok) return { kind: 'unavailable', mayHaveSent: false };
    const parsed = Answer.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) return { kind: 'unavailable', mayHaveSent: true };
    if (parsed.data.errcode === 0) return { kind: 'sent' };
    return { kind: 'errcode', errcode: parsed.data.errcode, errmsg: parsed.data.errmsg.slice(0, 200) };
  }
}
