import { Controller, Get, HttpCode, Inject, NotFoundException, Post, Req, Res } from '@nestjs/common';
import type { SandboxInfo } from '@weshop/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.guard';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/env.schema';
import { DomainError } from '../infra/http/domain-error';
import { PaymentService } from './payment.service';

type RawRequest = FastifyRequest & { rawBody?: Buffer | string };

/**
 * WeChat Pay calls these (or the sandbox does). Nothing in the body is trusted before the
 * signature is verified and the resource decrypted; the raw bytes are what gets verified.
 * Success: 204 with no body. Failure: 4xx/5xx with `{ code: 'FAIL', message }` so WeChat retries.
 */
@Public()
@Controller('api/v1/payments/wechat')
export class PaymentNotifyController {
  constructor(@Inject(PaymentService) private readonly payments: PaymentService) {}

  @Post('notify')
  async notify(@Req() request: RawRequest, @Res() reply: FastifyReply) {
    return this.answer(request, reply);
  }

  @Post('refund-notify')
  async refundNotify(@Req() request: RawRequest, @Res() reply: FastifyReply) {
    return this.answer(request, reply);
  }

  private async answer(request: RawRequest, reply: FastifyReply) {
    const raw = request.rawBody === undefined ? '' : request.rawBody.toString();
    try {
      await this.payments.handleNotification(request.headers, raw);
      return reply.status(204).send();
    } catch (error) {
      const status = error instanceof DomainError && error.status < 500 ? error.status : 500;
      if (status >= 500) request.log.error({ err: error }, 'payment notification failed');
      else request.log.warn({ reason: (error as Error).message }, 'payment notification rejected');
      return reply
        .status(status)
        .send({ code: 'FAIL', message: status >= 500 ? '系统繁忙' : (error as Error).message });
    }
  }
}

/** Sandbox mode only: tells the h5 build where the WeChat sandbox is (its pay button drives it). */
@Public()
@Controller('api/v1')
export class SandboxInfoController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('sandbox-info')
  @HttpCode(200)
  info(): SandboxInfo {
    if (this.config.wechat.mode !== 'sandbox') throw new NotFoundException();
    return { sandboxUrl: this.config.wechat.payApiBase };
  }
}
