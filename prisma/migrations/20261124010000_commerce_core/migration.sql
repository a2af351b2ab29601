-- Commerce core: stock audit, cart, shipping templates, orders, payments, refunds, shipments,
-- WeChat shipping uploads, after-sales and reviews.

-- CreateTable
CREATE TABLE `stock_adjustment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `sku_id` INTEGER NOT NULL,
    `delta` INTEGER NOT NULL,
    `stock_after` INTEGER NOT NULL,
    `reason` VARCHAR(255) NOT NULL,
    `actor_id` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `stock_adjustment_sku_id_created_at_idx`(`sku_id`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `cart_item` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `sku_id` INTEGER NOT NULL,
    `quantity` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `cart_item_user_id_sku_id_key`(`user_id`, `sku_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `shipping_template` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(64) NOT NULL,
    `flat_fee` INTEGER NOT NULL,
    `free_over` INTEGER NULL,
    `remote_regions` JSON NOT NULL,
    `remote_surcharge` INTEGER NOT NULL DEFAULT 0,
    `is_default` BOOLEAN NOT NULL DEFAULT false,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `orders` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_no` VARCHAR(32) NOT NULL,
    `user_id` INTEGER NOT NULL,
    `status` ENUM('PENDING_PAYMENT', 'PAID', 'GROUPING', 'TO_SHIP', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED') NOT NULL DEFAULT 'PENDING_PAYMENT',
    `kind` ENUM('NORMAL', 'GROUP_BUY', 'FLASH_SALE') NOT NULL DEFAULT 'NORMAL',
    `goods_amount` INTEGER NOT NULL,
    `discount_amount` INTEGER NOT NULL DEFAULT 0,
    `coupon_discount` INTEGER NOT NULL DEFAULT 0,
    `points_deduction` INTEGER NOT NULL DEFAULT 0,
    `points_used` INTEGER NOT NULL DEFAULT 0,
    `coupon_id` INTEGER NULL,
    `shipping_fee` INTEGER NOT NULL,
    `payable` INTEGER NOT NULL,
    `refunded_amount` INTEGER NOT NULL DEFAULT 0,
    `address` JSON NOT NULL,
    `remark` VARCHAR(255) NOT NULL DEFAULT '',
    `expires_at` DATETIME(3) NOT NULL,
    `paid_at` DATETIME(3) NULL,
    `shipped_at` DATETIME(3) NULL,
    `auto_confirm_at` DATETIME(3) NULL,
    `completed_at` DATETIME(3) NULL,
    `aftersale_deadline` DATETIME(3) NULL,
    `aftersale_closed_at` DATETIME(3) NULL,
    `cancelled_at` DATETIME(3) NULL,
    `cancel_reason` VARCHAR(64) NULL,
    `closed_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `orders_order_no_key`(`order_no`),
    INDEX `orders_user_id_status_created_at_idx`(`user_id`, `status`, `created_at`),
    INDEX `orders_status_expires_at_idx`(`status`, `expires_at`),
    INDEX `orders_status_auto_confirm_at_idx`(`status`, `auto_confirm_at`),
    INDEX `orders_status_aftersale_deadline_idx`(`status`, `aftersale_deadline`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `order_line` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `product_id` INTEGER NOT NULL,
    `sku_id` INTEGER NOT NULL,
    `title` VARCHAR(128) NOT NULL,
    `specs` JSON NOT NULL,
    `image` VARCHAR(512) NOT NULL DEFAULT '',
    `unit_price` INTEGER NOT NULL,
    `quantity` INTEGER NOT NULL,
    `goods_amount` INTEGER NOT NULL,
    `discount_amount` INTEGER NOT NULL DEFAULT 0,
    `coupon_discount` INTEGER NOT NULL DEFAULT 0,
    `points_deduction` INTEGER NOT NULL DEFAULT 0,
    `paid_amount` INTEGER NOT NULL,
    `refunded_amount` INTEGER NOT NULL DEFAULT 0,
    `restocked_quantity` INTEGER NOT NULL DEFAULT 0,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `order_line_order_id_idx`(`order_id`),
    INDEX `order_line_sku_id_idx`(`sku_id`),
    INDEX `order_line_product_id_idx`(`product_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `order_event` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `from_status` ENUM('PENDING_PAYMENT', 'PAID', 'GROUPING', 'TO_SHIP', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED') NULL,
    `to_status` ENUM('PENDING_PAYMENT', 'PAID', 'GROUPING', 'TO_SHIP', 'SHIPPED', 'COMPLETED', 'CANCELLED', 'CLOSED') NOT NULL,
    `actor` VARCHAR(16) NOT NULL,
    `note` VARCHAR(255) NOT NULL DEFAULT '',
    `at` DATETIME(3) NOT NULL,

    INDEX `order_event_order_id_at_idx`(`order_id`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `payment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `out_trade_no` VARCHAR(32) NOT NULL,
    `prepay_id` VARCHAR(64) NULL,
    `transaction_id` VARCHAR(32) NULL,
    `status` ENUM('PENDING', 'SUCCESS', 'CLOSED') NOT NULL DEFAULT 'PENDING',
    `amount` INTEGER NOT NULL,
    `payer_openid` VARCHAR(64) NOT NULL,
    `paid_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `payment_out_trade_no_key`(`out_trade_no`),
    UNIQUE INDEX `payment_transaction_id_key`(`transaction_id`),
    INDEX `payment_order_id_idx`(`order_id`),
    INDEX `payment_status_created_at_idx`(`status`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `refund` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `aftersale_id` INTEGER NULL,
    `out_refund_no` VARCHAR(64) NOT NULL,
    `refund_id` VARCHAR(32) NULL,
    `reason` ENUM('AFTERSALE', 'LATE_PAYMENT', 'GROUP_FAILED', 'MERCHANT') NOT NULL,
    `status` ENUM('PROCESSING', 'SUCCESS', 'ABNORMAL', 'CLOSED') NOT NULL DEFAULT 'PROCESSING',
    `amount` INTEGER NOT NULL,
    `succeeded_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `refund_aftersale_id_key`(`aftersale_id`),
    UNIQUE INDEX `refund_out_refund_no_key`(`out_refund_no`),
    INDEX `refund_order_id_idx`(`order_id`),
    INDEX `refund_status_created_at_idx`(`status`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `shipment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `carrier` VARCHAR(32) NOT NULL,
    `tracking_no` VARCHAR(64) NOT NULL,
    `items` JSON NOT NULL,
    `shipped_at` DATETIME(3) NOT NULL,

    INDEX `shipment_order_id_idx`(`order_id`),
    UNIQUE INDEX `shipment_carrier_tracking_no_key`(`carrier`, `tracking_no`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `wechat_shipping_upload` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `status` ENUM('PENDING', 'UPLOADED', 'FAILED') NOT NULL DEFAULT 'PENDING',
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `last_error` VARCHAR(255) NULL,
    `uploaded_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `wechat_shipping_upload_order_id_key`(`order_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `aftersale` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `aftersale_no` VARCHAR(32) NOT NULL,
    `order_id` INTEGER NOT NULL,
    `order_line_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `type` ENUM('REFUND', 'RETURN_REFUND') NOT NULL,
    `status` ENUM('REQUESTED', 'APPROVED', 'RETURNING', 'RECEIVED', 'REFUNDING', 'REFUNDED', 'REJECTED', 'CANCELLED') NOT NULL DEFAULT 'REQUESTED',
    `amount` INTEGER NOT NULL,
    `quantity` INTEGER NOT NULL DEFAULT 0,
    `reason` VARCHAR(255) NOT NULL,
    `reject_reason` VARCHAR(255) NULL,
    `return_carrier` VARCHAR(32) NULL,
    `return_tracking_no` VARCHAR(64) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `aftersale_aftersale_no_key`(`aftersale_no`),
    INDEX `aftersale_order_id_idx`(`order_id`),
    INDEX `aftersale_order_line_id_status_idx`(`order_line_id`, `status`),
    INDEX `aftersale_status_created_at_idx`(`status`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `review` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `order_id` INTEGER NOT NULL,
    `order_line_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `product_id` INTEGER NOT NULL,
    `product_score` INTEGER NOT NULL,
    `logistics_score` INTEGER NOT NULL,
    `service_score` INTEGER NOT NULL,
    `text` VARCHAR(1000) NOT NULL,
    `images` JSON NOT NULL,
    `follow_up_text` VARCHAR(1000) NULL,
    `follow_up_at` DATETIME(3) NULL,
    `reply` VARCHAR(1000) NULL,
    `replied_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    UNIQUE INDEX `review_order_line_id_key`(`order_line_id`),
    INDEX `review_product_id_created_at_idx`(`product_id`, `created_at`),
    INDEX `review_created_at_idx`(`created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `stock_adjustment` ADD CONSTRAINT `stock_adjustment_sku_id_fkey` FOREIGN KEY (`sku_id`) REFERENCES `sku`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `cart_item` ADD CONSTRAINT `cart_item_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `cart_item` ADD CONSTRAINT `cart_item_sku_id_fkey` FOREIGN KEY (`sku_id`) REFERENCES `sku`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `orders` ADD CONSTRAINT `orders_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `order_line` ADD CONSTRAINT `order_line_order_id_fkey` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `order_event` ADD CONSTRAINT `order_event_order_id_fkey` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `payment` ADD CONSTRAINT `payment_order_id_fkey` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `refund` ADD CONSTRAINT `refund_order_id_fkey` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `shipment` ADD CONSTRAINT `shipment_order_id_fkey` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `aftersale` ADD CONSTRAINT `aftersale_order_id_fkey` FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `aftersale` ADD CONSTRAINT `aftersale_order_line_id_fkey` FOREIGN KEY (`order_line_id`) REFERENCES `order_line`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `review` ADD CONSTRAINT `review_order_line_id_fkey` FOREIGN KEY (`order_line_id`) REFERENCES `order_line`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;
