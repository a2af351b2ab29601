import { Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Public } from '../../auth/auth.guard';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/env.schema';
import { Clock } from '../../infra/clock';
import { DomainError } from '../../infra/http/domain-error';
import { zod } from '../../infra/http/zod.pipe';
import { MessagePushRouter, type PushEvent } from './message-push.router';
import { decryptPushMessage, PushDecryptError, pushSignature, signaturesEqual } from './push-crypto';
import { MESSAGE_PUSH_PATH } from './sandbox-push-registration';

class PushSignatureInvalid extends DomainError {
  readonly code = 'WECHAT_PUSH_SIGNATURE_INVALID';
  readonly status = 401;
  constructor() {
    super('The message-push signature does not verify');
  }
}

class PushMalformed extends DomainError {
  readonly code = 'WECHAT_PUSH_MALFORMED';
  readonly status = 400;
}

class PushRetry extends DomainError {
  readonly code = 'WECHAT_PUSH_RETRY';
  readonly status = 503;
  constructor() {
    super('Not ready for this event yet; push it again');
  }
}

const Signed = {
  signature: z.string().max(64),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
};
const VerifyQuery = z.object({ ...Signed, echostr: z.string().min(1).max(256) }).loose();
const PushQuery = z
  .object({ ...Signed, encrypt_type: z.string().optional(), msg_signature: z.string().max(64).optional() })
  .loose();
const PushBody = z.object({ ToUserName: z.string().optional(), Encrypt: z.string().min(1).max(1_000_000) }).loose();

/** How far WeChat's timestamp may be from our clock (replays of old pushes are refused). */
const MAX_SKEW_S = 300;

/**
 * 消息推送 (WECHAT.md §C.6): the URL verification handshake (`GET`, plain signature, echo
 * `echostr`) and events (`POST`, JSON safe mode: `msg_signature` over the ciphertext, then
 * AES-256-CBC with the EncodingAESKey; the appid at the end of the plaintext must be ours).
 * Answers `success` within WeChat's 5 seconds; handlers that are not ready answer 503 so WeChat
 * pushes again.
 */
@Public()
@Controller(MESSAGE_PUSH_PATH.slice(1))
export class MessagePushController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(MessagePushRouter) private readonly router: MessagePushRouter,
  ) {}

  @Get()
  verify(@Query(zod(VerifyQuery)) query: z.infer<typeof VerifyQuery>, @Res() reply: FastifyReply) {
    const expected = pushSignature(this.config.wechat.messagePush.token, query.timestamp, query.nonce);
    if (!signaturesEqual(expected, query.signature)) throw new PushSignatureInvalid();
    return reply.header('content-type', 'text/plain; charset=utf-8').send(query.echostr);
  }

  @Post()
  @HttpCode(200)
  async receive(
    @Query(zod(PushQuery)) query: z.infer<typeof PushQuery>,
    @Body(zod(PushBody)) body: z.infer<typeof PushBody>,
    @Res() reply: FastifyReply,
  ) {
    const { token, encodingAesKey } = this.config.wechat.messagePush;
    if (query.encrypt_type !== 'aes') throw new PushMalformed('Only safe mode (encrypt_type=aes) is accepted');
    const expected = pushSignature(token, query.timestamp, query.nonce, body.Encrypt);
    if (!signaturesEqual(expected, query.msg_signature)) throw new PushSignatureInvalid();
    if (Math.abs(this.clock.now().getTime() / 1000 - Number(query.timestamp)) > MAX_SKEW_S)
      throw new PushSignatureInvalid();
    let event: PushEvent;
    try {
      const { message, appid } = decryptPushMessage(body.Encrypt, encodingAesKey);
      if (appid !== this.config.wechat.appid) throw new PushDecryptError('appid');
      const parsed: unknown = JSON.parse(message);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new PushDecryptError('json');
      event = parsed as PushEvent;
    } catch {
      throw new PushMalformed('The pushed message cannot be decrypted or read');
    }
    if ((await this.router.dispatch(event)) === 'retry') throw new PushRetry();
    return reply.code(200).header('content-type', 'text/plain; charset=utf-8').send('success');
  }
}
