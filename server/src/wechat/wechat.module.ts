import { Global, Module } from '@nestjs/common';
import { WechatPayClient } from './pay/wechatpay.client';
import { WechatMiniClient } from './wechat-mini.client';

@Global()
@Module({ providers: [WechatMiniClient, WechatPayClient], exports: [WechatMiniClient, WechatPayClient] })
export class WechatModule {}
