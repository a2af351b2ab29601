import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { PaymentModule } from '../payment/payment.module';
import { AdminAftersalesController } from './admin-aftersales.controller';
import { AftersaleReviewService } from './aftersale-review.service';
import { AftersalesController } from './aftersales.controller';
import { AftersalesRepository } from './aftersales.repository';
import { AftersalesService } from './aftersales.service';

/**
 * 售后: refund and return requests per order line. Applies `refund.succeeded` for refunds that
 * carry an aftersaleId (the order domain applies the others).
 */
@Module({
  imports: [OrderModule, PaymentModule],
  controllers: [AftersalesController, AdminAftersalesController],
  providers: [AftersalesService, AftersaleReviewService, AftersalesRepository],
  exports: [AftersalesService, AftersaleReviewService],
})
export class AftersalesModule {}
