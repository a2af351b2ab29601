import { Global, Module } from '@nestjs/common';
import { WechatPayClient } from './pay/wechatpay.client';
import { WechatMiniClient } from './wechat-mini.client';
import { WechatShippingClient } from './wechat-shipping.client';

@Global()
@Module({
  providers: [WechatMiniClient, WechatPayClient, WechatShippingClient],
  exports: [WechatMiniClient, WechatPayClient, WechatShippingClient],
})
export class WechatModule {}
