import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/env.schema';

/** Where WeChat pushes events to this server (消息推送 URL). */
export const MESSAGE_PUSH_PATH = '/api/v1/wechat/message-push';

/**
 * In sandbox mode, plays the admin who fills in 消息推送 (URL, Token, EncodingAESKey, JSON, safe
 * mode) in the mini-program console: `POST /sandbox/push/config`, which makes the sandbox verify
 * the URL with the GET handshake as WeChat does. Done once, before the first asynchronous check
 * (the server's own address is known only once it listens). Live mode: nothing to do here.
 */
@Injectable()
export class SandboxPushRegistration {
  private done?: Promise<void>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  ensure(): Promise<void> {
    if (this.config.wechat.mode !== 'sandbox' || !this.config.publicBaseUrl) return Promise.resolve();
    this.done ??= this.register().catch(() => {
      this.done = undefined; // try again next time
    });
    return this.done;
  }

  private async register(): Promise<void> {
    const { token, encodingAesKey } = this.config.wechat.messagePush;
    const response = await fetch(`${this.config.wechat.apiBase}/sandbox/push/config`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${this.config.publicBaseUrl}${MESSAGE_PUSH_PATH}`, token, encodingAesKey }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`push registration failed: ${response.status}`);
  }
}
