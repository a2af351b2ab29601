import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { DomainError } from '../infra/http/domain-error';
import { WechatMiniClient } from './wechat-mini.client';
import { WechatUnavailable } from './wechat.errors';

/** Body of `POST /wxa/sec/order/upload_shipping_info` (WECHAT.md §C.8). */
export interface UploadShippingInfoBody {
  order_key:
    { order_number_type: 1; mchid: string; out_trade_no: string } | { order_number_type: 2; transaction_id: string };
  /** 1 express, 2 same-city, 3 virtual, 4 self-pickup. */
  logistics_type: 1 | 2 | 3 | 4;
  /** 1 unified (one parcel), 2 split. */
  delivery_mode: 1 | 2;
  is_all_delivered?: boolean;
  shipping_list: Array<{
    tracking_no: string;
    express_company: string;
    item_desc: string;
    contact?: { consignor_contact?: string; receiver_contact?: string };
  }>;
  /** RFC 3339. */
  upload_time: string;
  payer: { openid: string };
}

/** WeChat refused the shipping information (errcode other than a token problem). */
export class WechatShippingRejected extends DomainError {
  readonly code = 'WECHAT_SHIPPING_REJECTED';
  readonly status = 502;
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeChat refused the shipping information: ${errcode} ${errmsg}`.slice(0, 250), { errcode });
  }
}

const Answer = z.object({ errcode: z.number().int().default(0), errmsg: z.string().default('') });
const TOKEN_ERRORS = [40001, 42001];

/**
 * 发货信息录入: uploads the shipping information of a paid order so WeChat releases the funds.
 * A 40001/42001 answer refreshes the access token once and retries. Never logs the token.
 */
@Injectable()
export class WechatShippingClient {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WechatMiniClient) private readonly mini: WechatMiniClient,
  ) {}

  /** Resolves when WeChat accepted (errcode 0); throws WechatShippingRejected or WechatUnavailable. */
  async uploadShippingInfo(body: UploadShippingInfoBody): Promise<void> {
    let answer = await this.post(await this.mini.accessToken(), body);
    if (TOKEN_ERRORS.includes(answer.errcode)) answer = await this.post(await this.mini.accessToken(true), body);
    if (answer.errcode !== 0) throw new WechatShippingRejected(answer.errcode, answer.errmsg);
  }

  private async post(token: string, body: UploadShippingInfoBody): Promise<z.infer<typeof Answer>> {
    const what = 'upload_shipping_info';
    let response: Response;
    try {
      response = await fetch(
        `${this.config.wechat.apiBase}/wxa/sec/order/upload_shipping_info?access_token=${encodeURIComponent(token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5_000),
        },
      );
    } catch {
      throw new WechatUnavailable(what);
    }
    if (!response.ok) throw new WechatUnavailable(what);
    const parsed = Answer.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new WechatUnavailable(what);
    return parsed.data;
  }
}
