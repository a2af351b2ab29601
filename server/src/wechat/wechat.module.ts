import { Global, Module } from '@nestjs/common';
import { WechatMiniClient } from './wechat-mini.client';

@Global()
@Module({ providers: [WechatMiniClient], exports: [WechatMiniClient] })
export class WechatModule {}
