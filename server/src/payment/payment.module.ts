import { Module } from '@nestjs/common';

/** WeChat Pay: prepay, notifications, reconciliation, refunds. */
@Module({})
export class PaymentModule {}
