import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { ReviewController } from './review.controller';
import { ReviewRepository } from './review.repository';
import { ReviewService } from './review.service';

/** 评价: reviews of order lines, follow-ups, merchant replies and the shop's DSR. */
@Module({
  imports: [OrderModule],
  controllers: [ReviewController],
  providers: [ReviewService, ReviewRepository],
  exports: [ReviewService],
})
export class ReviewModule {}
