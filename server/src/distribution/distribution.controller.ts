import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  AftersaleNoBody,
  BindRequest,
  CommissionListQuery,
  LeaderboardQuery,
  PageQuery,
  ShareQuery,
  WithdrawalIdParam,
  WithdrawalRequest,
} from '@weshop/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Public, type Caller } from '../auth/auth.guard';
import { DomainError } from '../infra/http/domain-error';
import { zod } from '../infra/http/zod.pipe';
import { IdempotencyKey } from '../infra/idempotency/idempotency';
import { BindingService } from './binding.service';
import { DistributorService } from './distributor.service';
import { WithdrawalService } from './withdrawal.service';

/** 分销中心: the caller's own distribution figures, bindings, withdrawals and share cards. */
@Controller('api/v1/distribution')
export class DistributionController {
  constructor(
    @Inject(DistributorService) private readonly distributors: DistributorService,
    @Inject(BindingService) private readonly bindings: BindingService,
    @Inject(WithdrawalService) private readonly withdrawals: WithdrawalService,
  ) {}

  @Get('me')
  me(@CurrentUser() caller: Caller) {
    return this.distributors.me(caller.userId);
  }

  @Post('apply')
  @HttpCode(200)
  apply(@CurrentUser() caller: Caller, @Body(zod(AftersaleNoBody.optional())) _body: unknown) {
    return this.distributors.apply(caller.userId);
  }

  @Post('bind')
  @HttpCode(200)
  bind(@CurrentUser() caller: Caller, @Body(zod(BindRequest)) body: BindRequest) {
    return this.bindings.bind(caller.userId, body.code, body.source);
  }

  @Get('commissions')
  commissions(@CurrentUser() caller: Caller, @Query(zod(CommissionListQuery)) query: CommissionListQuery) {
    return this.distributors.commissions(caller.userId, query);
  }

  @Get('customers')
  customers(@CurrentUser() caller: Caller, @Query(zod(PageQuery.strict())) query: PageQuery) {
    return this.distributors.customers(caller.userId, query);
  }

  @Get('team')
  team(@CurrentUser() caller: Caller, @Query(zod(PageQuery.strict())) query: PageQuery) {
    return this.distributors.teamOf(caller.userId, query);
  }

  @Get('leaderboard')
  leaderboard(@CurrentUser() caller: Caller, @Query(zod(LeaderboardQuery)) query: LeaderboardQuery) {
    return this.distributors.leaderboard(caller.userId, query);
  }

  @Get('share')
  share(@CurrentUser() caller: Caller, @Query(zod(ShareQuery)) query: { productId: string }) {
    return this.distributors.share(caller.userId, Number(query.productId));
  }

  @Post('withdrawals')
  @HttpCode(201)
  withdraw(
    @CurrentUser() caller: Caller,
    @Body(zod(WithdrawalRequest)) body: WithdrawalRequest,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.withdrawals.request(caller.userId, body.amount, key);
  }

  @Get('withdrawals')
  withdrawalList(@CurrentUser() caller: Caller, @Query(zod(PageQuery.strict())) query: PageQuery) {
    return this.withdrawals.list(caller.userId, query);
  }

  @Get('withdrawals/:id')
  withdrawal(@CurrentUser() caller: Caller, @Param(zod(WithdrawalIdParam)) params: { id: string }) {
    return this.withdrawals.get(caller.userId, Number(params.id));
  }
}

type RawRequest = FastifyRequest & { rawBody?: Buffer | string };

/**
 * WeChat (or the sandbox) reports the end of a 商家转账 here. Verified and decrypted before
 * anything is looked up; 204 on success, `{ code: 'FAIL' }` with 4xx/5xx so WeChat retries.
 */
@Public()
@Controller('api/v1/distribution/transfers/wechat')
export class TransferNotifyController {
  constructor(@Inject(WithdrawalService) private readonly withdrawals: WithdrawalService) {}

  @Post('notify')
  async notify(@Req() request: RawRequest, @Res() reply: FastifyReply) {
    const raw = request.rawBody === undefined ? '' : request.rawBody.toString();
    try {
      await this.withdrawals.handleNotification(request.headers, raw);
      return reply.status(204).send();
    } catch (error) {
      const status = error instanceof DomainError && error.status < 500 ? error.status : 500;
      if (status >= 500) request.log.error({ err: error }, 'transfer notification failed');
      else request.log.warn({ reason: (error as Error).message }, 'transfer notification rejected');
      return reply
        .status(status)
        .send({ code: 'FAIL', message: status >= 500 ? '系统繁忙' : (error as Error).message });
    }
  }
}
