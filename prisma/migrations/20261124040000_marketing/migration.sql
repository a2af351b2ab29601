-- Marketing: membership levels and growth, settings rows (member day, points rules), member-day
-- prices, promotions and flash-sale SKUs, coupon templates and users' coupons, the points ledger
-- (accounts, lots, entries, spends), sign-ins, tasks and the points mall.

-- CreateTable
CREATE TABLE `member_level` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(16) NOT NULL,
    `min_growth` INTEGER NOT NULL,
    `discount_bp` INTEGER NOT NULL DEFAULT 10000,
    `points_multiplier_bp` INTEGER NOT NULL DEFAULT 10000,
    `member_day_access` BOOLEAN NOT NULL DEFAULT false,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `member_profile` (
    `user_id` INTEGER NOT NULL,
    `growth_fen` INTEGER NOT NULL DEFAULT 0,
    `level_id` INTEGER NULL,
    `updated_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `growth_entry` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `order_id` INTEGER NULL,
    `delta_fen` INTEGER NOT NULL,
    `reason` VARCHAR(32) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `growth_entry_order_id_reason_key`(`order_id`, `reason`),
    INDEX `growth_entry_user_id_id_idx`(`user_id`, `id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `marketing_setting` (
    `key` VARCHAR(32) NOT NULL,
    `data` JSON NOT NULL,
    `updated_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `member_day_price` (
    `sku_id` INTEGER NOT NULL,
    `price` INTEGER NOT NULL,

    PRIMARY KEY (`sku_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `promotion` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `type` ENUM('FLASH_SALE', 'FULL_REDUCTION', 'FULL_GIFT', 'BUNDLE', 'BUY_X_GET_Y') NOT NULL,
    `title` VARCHAR(64) NOT NULL,
    `starts_at` DATETIME(3) NOT NULL,
    `ends_at` DATETIME(3) NOT NULL,
    `status` ENUM('ACTIVE', 'DISABLED') NOT NULL DEFAULT 'ACTIVE',
    `scope` VARCHAR(16) NOT NULL DEFAULT 'ALL',
    `scope_ids` JSON NOT NULL,
    `rules` JSON NOT NULL,
    `stack_with_coupon` BOOLEAN NOT NULL DEFAULT true,
    `earns_commission` BOOLEAN NULL,
    `earns_points` BOOLEAN NOT NULL DEFAULT true,
    `member_day_only` BOOLEAN NOT NULL DEFAULT false,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `promotion_type_status_starts_at_idx`(`type`, `status`, `starts_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `flash_sale_sku` (
    `promotion_id` INTEGER NOT NULL,
    `sku_id` INTEGER NOT NULL,
    `price` INTEGER NOT NULL,
    `quota` INTEGER NOT NULL,
    `sold` INTEGER NOT NULL DEFAULT 0,
    `per_user_limit` INTEGER NOT NULL,

    INDEX `flash_sale_sku_sku_id_idx`(`sku_id`),
    PRIMARY KEY (`promotion_id`, `sku_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `coupon_template` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(32) NOT NULL,
    `kind` ENUM('AMOUNT_OFF', 'PERCENT_OFF', 'NO_THRESHOLD') NOT NULL,
    `threshold` INTEGER NOT NULL DEFAULT 0,
    `amount` INTEGER NOT NULL DEFAULT 0,
    `percent_bp` INTEGER NULL,
    `cap` INTEGER NULL,
    `scope` VARCHAR(16) NOT NULL DEFAULT 'ALL',
    `scope_ids` JSON NOT NULL,
    `validity` VARCHAR(8) NOT NULL,
    `valid_from` DATETIME(3) NULL,
    `valid_to` DATETIME(3) NULL,
    `valid_days` INTEGER NULL,
    `total_quantity` INTEGER NOT NULL,
    `issued` INTEGER NOT NULL DEFAULT 0,
    `per_user_limit` INTEGER NOT NULL,
    `stack_with_promotions` BOOLEAN NOT NULL DEFAULT true,
    `channel` VARCHAR(16) NOT NULL,
    `community_id` INTEGER NULL,
    `status` ENUM('ACTIVE', 'DISABLED') NOT NULL DEFAULT 'ACTIVE',
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `coupon_template_channel_status_idx`(`channel`, `status`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `user_coupon` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `template_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `status` ENUM('AVAILABLE', 'LOCKED', 'USED', 'EXPIRED') NOT NULL DEFAULT 'AVAILABLE',
    `channel` VARCHAR(16) NOT NULL,
    `valid_from` DATETIME(3) NOT NULL,
    `valid_to` DATETIME(3) NOT NULL,
    `order_id` INTEGER NULL,
    `claimed_at` DATETIME(3) NOT NULL,
    `used_at` DATETIME(3) NULL,

    INDEX `user_coupon_user_id_status_valid_to_idx`(`user_id`, `status`, `valid_to`),
    INDEX `user_coupon_template_id_user_id_idx`(`template_id`, `user_id`),
    INDEX `user_coupon_order_id_idx`(`order_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `points_account` (
    `user_id` INTEGER NOT NULL,
    `available` INTEGER NOT NULL DEFAULT 0,
    `frozen` INTEGER NOT NULL DEFAULT 0,
    `updated_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `points_lot` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `source` VARCHAR(16) NOT NULL,
    `order_id` INTEGER NULL,
    `amount` INTEGER NOT NULL,
    `remaining` INTEGER NOT NULL,
    `status` ENUM('FROZEN', 'ACTIVE', 'USED_UP', 'EXPIRED', 'REVERSED') NOT NULL,
    `earned_at` DATETIME(3) NOT NULL,
    `usable_from` DATETIME(3) NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,

    INDEX `points_lot_user_id_status_expires_at_idx`(`user_id`, `status`, `expires_at`),
    INDEX `points_lot_order_id_idx`(`order_id`),
    INDEX `points_lot_status_expires_at_idx`(`status`, `expires_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `points_entry` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `type` VARCHAR(16) NOT NULL,
    `available_delta` INTEGER NOT NULL DEFAULT 0,
    `frozen_delta` INTEGER NOT NULL DEFAULT 0,
    `lot_id` INTEGER NULL,
    `order_id` INTEGER NULL,
    `note` VARCHAR(64) NOT NULL DEFAULT '',
    `created_at` DATETIME(3) NOT NULL,

    INDEX `points_entry_user_id_id_idx`(`user_id`, `id`),
    INDEX `points_entry_order_id_idx`(`order_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `points_spend` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `lot_id` INTEGER NOT NULL,
    `amount` INTEGER NOT NULL,
    `returned` INTEGER NOT NULL DEFAULT 0,

    INDEX `points_spend_order_id_idx`(`order_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `sign_in` (
    `user_id` INTEGER NOT NULL,
    `day` VARCHAR(10) NOT NULL,
    `streak` INTEGER NOT NULL,
    `points` INTEGER NOT NULL,
    `at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`user_id`, `day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `points_task` (
    `user_id` INTEGER NOT NULL,
    `task` VARCHAR(24) NOT NULL,
    `points` INTEGER NOT NULL,
    `at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`user_id`, `task`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `points_mall_item` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `kind` ENUM('GIFT', 'COUPON') NOT NULL,
    `title` VARCHAR(64) NOT NULL,
    `sku_id` INTEGER NULL,
    `coupon_template_id` INTEGER NULL,
    `points` INTEGER NOT NULL,
    `cash` INTEGER NOT NULL DEFAULT 0,
    `stock` INTEGER NOT NULL,
    `per_user_limit` INTEGER NOT NULL,
    `active` BOOLEAN NOT NULL DEFAULT true,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `points_redemption` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `item_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `points` INTEGER NOT NULL,
    `cash` INTEGER NOT NULL DEFAULT 0,
    `order_id` INTEGER NULL,
    `coupon_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `points_redemption_user_id_item_id_idx`(`user_id`, `item_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `flash_sale_sku` ADD CONSTRAINT `flash_sale_sku_promotion_id_fkey` FOREIGN KEY (`promotion_id`) REFERENCES `promotion`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
