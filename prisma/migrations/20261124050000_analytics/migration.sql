-- Analytics rollups (数据看板): device visitor numbers, the days rolled up (and dirty ones), the
-- late-event cursor, and one table per day and slice (shop, source, product, community, WeChat
-- group, distributor, post, group-buy campaign) with packed visitor sets. Orders get indexes on
-- their creation and payment times (a day's orders are read by time).

-- CreateIndex
CREATE INDEX `orders_created_at_idx` ON `orders`(`created_at`);

-- CreateIndex
CREATE INDEX `orders_paid_at_idx` ON `orders`(`paid_at`);

-- CreateTable
CREATE TABLE `analytics_device` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `device_id` VARCHAR(64) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `analytics_device_device_id_key`(`device_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_rollup_day` (
    `day` VARCHAR(10) NOT NULL,
    `rolled_from` DATETIME(3) NOT NULL,
    `rolled_at` DATETIME(3) NOT NULL,
    `dirty` BOOLEAN NOT NULL DEFAULT false,
    `marked_at` DATETIME(3) NULL,

    INDEX `analytics_rollup_day_dirty_idx`(`dirty`),
    PRIMARY KEY (`day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_cursor` (
    `name` VARCHAR(32) NOT NULL,
    `last_id` INTEGER NOT NULL,

    PRIMARY KEY (`name`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_shop` (
    `day` VARCHAR(10) NOT NULL,
    `uv` INTEGER NOT NULL,
    `pv` INTEGER NOT NULL,
    `orders_created` INTEGER NOT NULL,
    `orders` INTEGER NOT NULL,
    `payers` INTEGER NOT NULL,
    `gmv_gross` INTEGER NOT NULL,
    `refunds` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,
    `reviews` INTEGER NOT NULL,
    `product_score_sum` INTEGER NOT NULL,
    `logistics_score_sum` INTEGER NOT NULL,
    `service_score_sum` INTEGER NOT NULL,
    `visitor_set` MEDIUMBLOB NOT NULL,
    `product_viewer_set` MEDIUMBLOB NOT NULL,
    `cart_adder_set` MEDIUMBLOB NOT NULL,
    `orderer_set` MEDIUMBLOB NOT NULL,
    `payer_set` MEDIUMBLOB NOT NULL,
    `repeat_payer_set` MEDIUMBLOB NOT NULL,

    PRIMARY KEY (`day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_source` (
    `day` VARCHAR(10) NOT NULL,
    `source` VARCHAR(24) NOT NULL,
    `visitors` INTEGER NOT NULL,
    `orders` INTEGER NOT NULL,
    `payers` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,
    `visitor_set` MEDIUMBLOB NOT NULL,
    `payer_set` MEDIUMBLOB NOT NULL,

    PRIMARY KEY (`day`, `source`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_product` (
    `day` VARCHAR(10) NOT NULL,
    `product_id` INTEGER NOT NULL,
    `viewers` INTEGER NOT NULL,
    `cart_adders` INTEGER NOT NULL,
    `payers` INTEGER NOT NULL,
    `units` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,
    `viewer_set` MEDIUMBLOB NOT NULL,
    `cart_adder_set` MEDIUMBLOB NOT NULL,
    `payer_set` MEDIUMBLOB NOT NULL,

    PRIMARY KEY (`day`, `product_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_community` (
    `day` VARCHAR(10) NOT NULL,
    `community_id` INTEGER NOT NULL,
    `visitors` INTEGER NOT NULL,
    `orders` INTEGER NOT NULL,
    `payers` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,
    `post_views` INTEGER NOT NULL,
    `new_members` INTEGER NOT NULL,
    `posts_published` INTEGER NOT NULL,
    `visitor_set` MEDIUMBLOB NOT NULL,
    `payer_set` MEDIUMBLOB NOT NULL,

    INDEX `analytics_day_community_community_id_day_idx`(`community_id`, `day`),
    PRIMARY KEY (`day`, `community_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_group` (
    `day` VARCHAR(10) NOT NULL,
    `opengid` VARCHAR(64) NOT NULL,
    `visitors` INTEGER NOT NULL,
    `orders` INTEGER NOT NULL,
    `payers` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,
    `visitor_set` MEDIUMBLOB NOT NULL,
    `payer_set` MEDIUMBLOB NOT NULL,

    INDEX `analytics_day_group_opengid_day_idx`(`opengid`, `day`),
    PRIMARY KEY (`day`, `opengid`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_distributor` (
    `day` VARCHAR(10) NOT NULL,
    `distributor_id` INTEGER NOT NULL,
    `orders` INTEGER NOT NULL,
    `payers` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,
    `commission` INTEGER NOT NULL,
    `new_customers` INTEGER NOT NULL,
    `payer_set` MEDIUMBLOB NOT NULL,
    `new_customer_set` MEDIUMBLOB NOT NULL,

    PRIMARY KEY (`day`, `distributor_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_post` (
    `day` VARCHAR(10) NOT NULL,
    `post_id` INTEGER NOT NULL,
    `community_id` INTEGER NOT NULL,
    `views` INTEGER NOT NULL,
    `visitors` INTEGER NOT NULL,
    `orders` INTEGER NOT NULL,
    `payers` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,
    `visitor_set` MEDIUMBLOB NOT NULL,
    `payer_set` MEDIUMBLOB NOT NULL,

    INDEX `analytics_day_post_community_id_day_idx`(`community_id`, `day`),
    PRIMARY KEY (`day`, `post_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_day_groupbuy` (
    `day` VARCHAR(10) NOT NULL,
    `campaign_id` INTEGER NOT NULL,
    `opened` INTEGER NOT NULL,
    `succeeded` INTEGER NOT NULL,
    `failed` INTEGER NOT NULL,
    `orders` INTEGER NOT NULL,
    `gmv` INTEGER NOT NULL,

    PRIMARY KEY (`day`, `campaign_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
