import { Module } from '@nestjs/common';
import { AddressModule } from '../address/address.module';
import { AuthModule } from '../auth/auth.module';
import { CartModule } from '../cart/cart.module';
import { CatalogModule } from '../catalog/catalog.module';
import { PaymentModule } from '../payment/payment.module';
import { CheckoutActivities } from './checkout-activities';
import { CheckoutDirectory } from './checkout-directory';
import { OrderController } from './order.controller';
import { OrderLifecycle } from './order-lifecycle.service';
import { OrderRepository } from './order.repository';
import { OrderService } from './order.service';

/** 订单: checkout preview, order creation, the order state machine and its jobs. */
@Module({
  imports: [AuthModule, AddressModule, CartModule, CatalogModule, PaymentModule],
  controllers: [OrderController],
  providers: [OrderService, OrderLifecycle, OrderRepository, CheckoutDirectory, CheckoutActivities],
  exports: [OrderLifecycle, OrderService, CheckoutActivities],
})
export class OrderModule {}
