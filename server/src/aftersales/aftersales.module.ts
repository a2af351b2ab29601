import { Module } from '@nestjs/common';

/** 售后: refund and return requests per order line. */
@Module({})
export class AftersalesModule {}
