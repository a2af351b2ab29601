import { Module } from '@nestjs/common';

/** 评价: reviews of order lines and the shop's DSR. */
@Module({})
export class ReviewModule {}
