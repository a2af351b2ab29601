import { Module } from '@nestjs/common';

/** 购物车: the shopper's cart. */
@Module({})
export class CartModule {}
