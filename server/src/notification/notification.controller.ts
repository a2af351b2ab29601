import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { SubscriptionRequest } from '@weshop/shared';
import { CurrentUser, type Caller } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { SubscriptionService } from './subscription.service';

/** 订阅消息: the templates to ask for at each moment, the answers, the caller's credits. */
@Controller('api/v1/notifications')
export class NotificationController {
  constructor(@Inject(SubscriptionService) private readonly subscriptions: SubscriptionService) {}

  @Get('templates')
  templates() {
    return this.subscriptions.templates();
  }

  @Get('subscriptions')
  credits(@CurrentUser() caller: Caller) {
    return this.subscriptions.credits(caller.userId);
  }

  @Post('subscriptions')
  @HttpCode(200)
  record(@CurrentUser() caller: Caller, @Body(zod(SubscriptionRequest)) body: SubscriptionRequest) {
    return this.subscriptions.record(caller.userId, body);
  }
}
