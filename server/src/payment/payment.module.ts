import { Module } from '@nestjs/common';
import { PaymentNotifyController, SandboxInfoController } from './payment.controller';
import { PaymentService } from './payment.service';
import { RefundService } from './refund.service';

/** WeChat Pay: prepay, notifications, reconciliation, refunds. */
@Module({
  controllers: [PaymentNotifyController, SandboxInfoController],
  providers: [PaymentService, RefundService],
  exports: [PaymentService, RefundService],
})
export class PaymentModule {}
