-- Gift lines (赠品 of 满赠 and 买X送Y, priced 0) and the per-line points flag of promotions.

-- AlterTable
ALTER TABLE `order_line` ADD COLUMN `gift_of_promotion_id` INTEGER NULL,
    ADD COLUMN `earns_points` BOOLEAN NOT NULL DEFAULT true;
