import { Module } from '@nestjs/common';

/** 收货地址: the shopper's shipping addresses. */
@Module({})
export class AddressModule {}
