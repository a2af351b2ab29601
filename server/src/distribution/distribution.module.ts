import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { AdminDistributionController } from './admin-distribution.controller';
import { BindingService } from './binding.service';
import { CommissionLedger } from './commission-ledger';
import { CommissionService } from './commission.service';
import { DistributionAdminService } from './distribution-admin.service';
import { DistributionSettingsStore } from './distribution-settings.store';
import { DistributionController, TransferNotifyController } from './distribution.controller';
import { DistributorService } from './distributor.service';
import { TeamCounters } from './team-counters';
import { WithdrawalService } from './withdrawal.service';

/**
 * 分销: referral binding, the distributor tree, commissions on an append-only ledger fed by order
 * events, withdrawals by merchant transfer. Reads the order and catalog tables it needs; writes
 * only its own.
 */
@Module({
  imports: [WechatModule],
  controllers: [DistributionController, TransferNotifyController, AdminDistributionController],
  providers: [
    DistributionSettingsStore,
    CommissionLedger,
    TeamCounters,
    CommissionService,
    BindingService,
    DistributorService,
    DistributionAdminService,
    WithdrawalService,
  ],
  exports: [CommissionService, CommissionLedger, DistributorService, BindingService],
})
export class DistributionModule {}
