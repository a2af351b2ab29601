-- Distribution network: settings, tiers, distributors (tree with a materialized path and maintained
-- counters), customer bindings and their log, the referral chain of each order, commission rules,
-- commissions, the append-only ledger, withdrawals.

-- CreateTable
CREATE TABLE `distribution_setting` (
    `id` INTEGER NOT NULL,
    `data` JSON NOT NULL,
    `updated_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `distributor_tier` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(16) NOT NULL,
    `min_sales` INTEGER NOT NULL,
    `l1_rate_bp` INTEGER NULL,
    `l2_rate_bp` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `distributor` (
    `user_id` INTEGER NOT NULL,
    `status` ENUM('PENDING', 'APPROVED', 'REJECTED') NOT NULL DEFAULT 'PENDING',
    `code` VARCHAR(8) NULL,
    `parent_id` INTEGER NULL,
    `path` VARCHAR(760) NOT NULL DEFAULT '',
    `depth` INTEGER NOT NULL DEFAULT 0,
    `tier_id` INTEGER NULL,
    `team_size` INTEGER NOT NULL DEFAULT 0,
    `direct_count` INTEGER NOT NULL DEFAULT 0,
    `own_sales` INTEGER NOT NULL DEFAULT 0,
    `team_sales` INTEGER NOT NULL DEFAULT 0,
    `pending_amount` INTEGER NOT NULL DEFAULT 0,
    `balance` INTEGER NOT NULL DEFAULT 0,
    `in_flight_amount` INTEGER NOT NULL DEFAULT 0,
    `withdrawn_amount` INTEGER NOT NULL DEFAULT 0,
    `reject_reason` VARCHAR(64) NULL,
    `applied_at` DATETIME(3) NOT NULL,
    `approved_at` DATETIME(3) NULL,
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `distributor_code_key`(`code`),
    INDEX `distributor_parent_id_approved_at_idx`(`parent_id`, `approved_at`),
    INDEX `distributor_path_idx`(`path`),
    INDEX `distributor_status_applied_at_idx`(`status`, `applied_at`),
    INDEX `distributor_own_sales_idx`(`own_sales`),
    PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `customer_binding` (
    `customer_id` INTEGER NOT NULL,
    `distributor_id` INTEGER NOT NULL,
    `source` ENUM('LINK', 'CODE', 'MANUAL') NOT NULL,
    `bound_at` DATETIME(3) NOT NULL,
    `expires_at` DATETIME(3) NULL,

    INDEX `customer_binding_distributor_id_bound_at_idx`(`distributor_id`, `bound_at`),
    PRIMARY KEY (`customer_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `binding_log` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `customer_id` INTEGER NOT NULL,
    `distributor_id` INTEGER NOT NULL,
    `previous_id` INTEGER NULL,
    `source` ENUM('LINK', 'CODE', 'MANUAL') NOT NULL,
    `at` DATETIME(3) NOT NULL,

    INDEX `binding_log_customer_id_at_idx`(`customer_id`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `order_referral` (
    `order_id` INTEGER NOT NULL,
    `buyer_id` INTEGER NOT NULL,
    `l1_id` INTEGER NULL,
    `l2_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `order_referral_l1_id_created_at_idx`(`l1_id`, `created_at`),
    PRIMARY KEY (`order_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `commission_rule` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `product_id` INTEGER NOT NULL,
    `sku_id` INTEGER NOT NULL DEFAULT 0,
    `l1_rate_bp` INTEGER NULL,
    `l2_rate_bp` INTEGER NULL,
    `l1_fixed` INTEGER NULL,
    `l2_fixed` INTEGER NULL,
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `commission_rule_product_id_sku_id_key`(`product_id`, `sku_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `commission` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `order_line_id` INTEGER NOT NULL,
    `beneficiary_id` INTEGER NOT NULL,
    `buyer_id` INTEGER NOT NULL,
    `level` INTEGER NOT NULL,
    `base` INTEGER NOT NULL,
    `refunded_base` INTEGER NOT NULL DEFAULT 0,
    `amount` INTEGER NOT NULL,
    `reversed_amount` INTEGER NOT NULL DEFAULT 0,
    `rule` VARCHAR(64) NOT NULL,
    `product_title` VARCHAR(128) NOT NULL,
    `status` ENUM('ESTIMATED', 'PENDING', 'SETTLED', 'REVERSED', 'CANCELLED') NOT NULL DEFAULT 'ESTIMATED',
    `created_at` DATETIME(3) NOT NULL,
    `paid_at` DATETIME(3) NULL,
    `settled_at` DATETIME(3) NULL,

    UNIQUE INDEX `commission_order_line_id_level_key`(`order_line_id`, `level`),
    INDEX `commission_beneficiary_id_status_created_at_idx`(`beneficiary_id`, `status`, `created_at`),
    INDEX `commission_order_id_idx`(`order_id`),
    INDEX `commission_status_created_at_idx`(`status`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `ledger_entry` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `distributor_id` INTEGER NOT NULL,
    `type` ENUM('COMMISSION_EARNED', 'COMMISSION_SETTLED', 'COMMISSION_REVERSED', 'WITHDRAWAL_REQUESTED', 'WITHDRAWAL_PAID', 'WITHDRAWAL_RETURNED') NOT NULL,
    `commission_id` INTEGER NULL,
    `withdrawal_id` INTEGER NULL,
    `pending_delta` INTEGER NOT NULL DEFAULT 0,
    `balance_delta` INTEGER NOT NULL DEFAULT 0,
    `in_flight_delta` INTEGER NOT NULL DEFAULT 0,
    `withdrawn_delta` INTEGER NOT NULL DEFAULT 0,
    `note` VARCHAR(64) NOT NULL DEFAULT '',
    `created_at` DATETIME(3) NOT NULL,

    INDEX `ledger_entry_distributor_id_id_idx`(`distributor_id`, `id`),
    INDEX `ledger_entry_commission_id_idx`(`commission_id`),
    INDEX `ledger_entry_withdrawal_id_idx`(`withdrawal_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `withdrawal` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `distributor_id` INTEGER NOT NULL,
    `amount` INTEGER NOT NULL,
    `status` ENUM('REQUESTED', 'APPROVED', 'PAYING', 'WAITING_USER_CONFIRM', 'PAID', 'FAILED', 'REJECTED') NOT NULL,
    `out_bill_no` VARCHAR(32) NOT NULL,
    `transfer_bill_no` VARCHAR(64) NULL,
    `package_info` VARCHAR(1024) NULL,
    `fail_reason` VARCHAR(128) NULL,
    `day` VARCHAR(10) NOT NULL,
    `requested_at` DATETIME(3) NOT NULL,
    `approved_at` DATETIME(3) NULL,
    `paid_at` DATETIME(3) NULL,
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `withdrawal_out_bill_no_key`(`out_bill_no`),
    INDEX `withdrawal_distributor_id_day_idx`(`distributor_id`, `day`),
    INDEX `withdrawal_distributor_id_requested_at_idx`(`distributor_id`, `requested_at`),
    INDEX `withdrawal_status_updated_at_idx`(`status`, `updated_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `distributor` ADD CONSTRAINT `distributor_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
