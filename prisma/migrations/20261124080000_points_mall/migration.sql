-- 积分商城 redemptions: their status (a points + cash gift waits for payment; cancelled ones give the
-- points, the stock and the per-member allowance back) and the lookup by order.

-- AlterTable
ALTER TABLE `points_redemption` ADD COLUMN `status` VARCHAR(16) NOT NULL DEFAULT 'COMPLETED';

-- CreateIndex
CREATE INDEX `points_redemption_order_id_idx` ON `points_redemption`(`order_id`);
