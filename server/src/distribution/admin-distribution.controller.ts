import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import {
  AdminDistributorQuery,
  AdminWithdrawalQuery,
  AftersaleNoBody,
  CommissionRuleInput,
  RejectRequest,
  UserIdParam,
  WithdrawalIdParam,
} from '@weshop/shared';
import { Roles } from '../auth/auth.guard';
import { zod } from '../infra/http/zod.pipe';
import { DistributionAdminService } from './distribution-admin.service';
import { DistributorService } from './distributor.service';
import { WithdrawalService } from './withdrawal.service';

/** The manager's side of distribution: applications, withdrawals, settings, commission rules, the ledger check. */
@Roles('ADMIN')
@Controller('api/v1/admin')
export class AdminDistributionController {
  constructor(
    @Inject(DistributorService) private readonly distributors: DistributorService,
    @Inject(WithdrawalService) private readonly withdrawals: WithdrawalService,
    @Inject(DistributionAdminService) private readonly admin: DistributionAdminService,
  ) {}

  @Get('distributors')
  list(@Query(zod(AdminDistributorQuery)) query: AdminDistributorQuery) {
    return this.distributors.adminList(query);
  }

  @Post('distributors/:userId/approve')
  @HttpCode(200)
  async approve(
    @Param(zod(UserIdParam)) params: { userId: string },
    @Body(zod(AftersaleNoBody.optional())) _b: unknown,
  ) {
    await this.distributors.approve(Number(params.userId));
    return this.distributors.me(Number(params.userId));
  }

  @Post('distributors/:userId/reject')
  @HttpCode(200)
  async reject(@Param(zod(UserIdParam)) params: { userId: string }, @Body(zod(RejectRequest)) body: RejectRequest) {
    await this.distributors.reject(Number(params.userId), body.reason);
    return this.distributors.me(Number(params.userId));
  }

  @Get('withdrawals')
  withdrawalList(@Query(zod(AdminWithdrawalQuery)) query: AdminWithdrawalQuery) {
    return this.withdrawals.adminList(query);
  }

  @Post('withdrawals/:id/approve')
  @HttpCode(200)
  async approveWithdrawal(
    @Param(zod(WithdrawalIdParam)) params: { id: string },
    @Body(zod(AftersaleNoBody.optional())) _b: unknown,
  ) {
    await this.withdrawals.approve(Number(params.id));
    return { ok: true };
  }

  @Post('withdrawals/:id/reject')
  @HttpCode(200)
  async rejectWithdrawal(
    @Param(zod(WithdrawalIdParam)) params: { id: string },
    @Body(zod(RejectRequest)) body: RejectRequest,
  ) {
    await this.withdrawals.reject(Number(params.id), body.reason);
    return { ok: true };
  }

  @Get('settings/distribution')
  settings() {
    return this.admin.settings();
  }

  /** The compliance guardrails run on the raw body first, so each violation gets its own message. */
  @Put('settings/distribution')
  saveSettings(@Body() raw: unknown) {
    return this.admin.saveSettings(raw);
  }

  @Get('distribution/commission-rules')
  rules() {
    return this.admin.rules();
  }

  @Put('distribution/commission-rules')
  saveRule(@Body(zod(CommissionRuleInput)) body: CommissionRuleInput) {
    return this.admin.saveRule(body);
  }

  @Get('distribution/ledger-check')
  ledgerCheck() {
    return this.distributors.ledgerCheck();
  }
}
