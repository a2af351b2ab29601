-- Social layer: group-buy campaigns, groups and seats; communities, members and the WeChat groups
-- users come from; posts with product tags, likes, favourites, comments, reports, media checks and
-- uploads; visits, order attribution and behaviour events.

-- CreateTable
CREATE TABLE `groupbuy_campaign` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `title` VARCHAR(64) NOT NULL,
    `product_id` INTEGER NOT NULL,
    `community_id` INTEGER NULL,
    `group_size` INTEGER NOT NULL,
    `duration_minutes` INTEGER NOT NULL,
    `starts_at` DATETIME(3) NOT NULL,
    `ends_at` DATETIME(3) NOT NULL,
    `quota` INTEGER NOT NULL,
    `quota_used` INTEGER NOT NULL DEFAULT 0,
    `per_order_limit` INTEGER NOT NULL,
    `per_user_limit` INTEGER NOT NULL,
    `new_customers_only` BOOLEAN NOT NULL DEFAULT false,
    `auto_complete` BOOLEAN NOT NULL DEFAULT false,
    `auto_complete_min_paid_bp` INTEGER NOT NULL DEFAULT 0,
    `earns_commission` BOOLEAN NULL,
    `status` ENUM('ACTIVE', 'DISABLED') NOT NULL DEFAULT 'ACTIVE',
    `created_by` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `groupbuy_campaign_product_id_status_idx`(`product_id`, `status`),
    INDEX `groupbuy_campaign_community_id_idx`(`community_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `groupbuy_campaign_sku` (
    `campaign_id` INTEGER NOT NULL,
    `sku_id` INTEGER NOT NULL,
    `group_price` INTEGER NOT NULL,
    `leader_price` INTEGER NULL,

    PRIMARY KEY (`campaign_id`, `sku_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `groupbuy_group` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `campaign_id` INTEGER NOT NULL,
    `leader_id` INTEGER NOT NULL,
    `size` INTEGER NOT NULL,
    `seats_taken` INTEGER NOT NULL DEFAULT 0,
    `paid_count` INTEGER NOT NULL DEFAULT 0,
    `status` ENUM('PENDING', 'FORMING', 'SUCCEEDED', 'FAILED', 'CANCELLED') NOT NULL DEFAULT 'PENDING',
    `simulated` BOOLEAN NOT NULL DEFAULT false,
    `opened_at` DATETIME(3) NULL,
    `expires_at` DATETIME(3) NULL,
    `succeeded_at` DATETIME(3) NULL,
    `failed_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `groupbuy_group_campaign_id_status_expires_at_idx`(`campaign_id`, `status`, `expires_at`),
    INDEX `groupbuy_group_status_expires_at_idx`(`status`, `expires_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `groupbuy_member` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `group_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `order_id` INTEGER NOT NULL,
    `is_leader` BOOLEAN NOT NULL,
    `quantity` INTEGER NOT NULL,
    `status` ENUM('HELD', 'PAID', 'RELEASED', 'REFUNDED') NOT NULL DEFAULT 'HELD',
    `held_until` DATETIME(3) NOT NULL,
    `paid_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `groupbuy_member_order_id_key`(`order_id`),
    INDEX `groupbuy_member_group_id_status_idx`(`group_id`, `status`),
    INDEX `groupbuy_member_user_id_created_at_idx`(`user_id`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `community` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(32) NOT NULL,
    `cover` VARCHAR(512) NOT NULL DEFAULT '',
    `intro` VARCHAR(500) NOT NULL DEFAULT '',
    `announcement` VARCHAR(1000) NOT NULL DEFAULT '',
    `announcement_at` DATETIME(3) NULL,
    `member_count` INTEGER NOT NULL DEFAULT 0,
    `post_count` INTEGER NOT NULL DEFAULT 0,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `community_member` (
    `community_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `role` ENUM('MANAGER', 'MEMBER') NOT NULL DEFAULT 'MEMBER',
    `source` VARCHAR(16) NOT NULL DEFAULT 'LINK',
    `joined_at` DATETIME(3) NOT NULL,

    INDEX `community_member_user_id_idx`(`user_id`),
    INDEX `community_member_community_id_role_joined_at_idx`(`community_id`, `role`, `joined_at`),
    PRIMARY KEY (`community_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `user_wechat_group` (
    `user_id` INTEGER NOT NULL,
    `opengid` VARCHAR(64) NOT NULL,
    `first_seen_at` DATETIME(3) NOT NULL,
    `last_seen_at` DATETIME(3) NOT NULL,

    INDEX `user_wechat_group_opengid_idx`(`opengid`),
    PRIMARY KEY (`user_id`, `opengid`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `post` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `community_id` INTEGER NOT NULL,
    `author_id` INTEGER NOT NULL,
    `type` ENUM('NOTE', 'VIDEO', 'ARTICLE') NOT NULL,
    `title` VARCHAR(64) NOT NULL DEFAULT '',
    `text` TEXT NOT NULL,
    `images` JSON NOT NULL,
    `video_url` VARCHAR(512) NULL,
    `status` ENUM('DRAFT', 'SCHEDULED', 'IN_REVIEW', 'PUBLISHED', 'REJECTED', 'REMOVED') NOT NULL,
    `publish_at` DATETIME(3) NULL,
    `published_at` DATETIME(3) NULL,
    `pinned_at` DATETIME(3) NULL,
    `featured_at` DATETIME(3) NULL,
    `reject_reason` VARCHAR(255) NULL,
    `author_ref` VARCHAR(8) NULL,
    `like_count` INTEGER NOT NULL DEFAULT 0,
    `favourite_count` INTEGER NOT NULL DEFAULT 0,
    `comment_count` INTEGER NOT NULL DEFAULT 0,
    `view_count` INTEGER NOT NULL DEFAULT 0,
    `report_count` INTEGER NOT NULL DEFAULT 0,
    `created_at` DATETIME(3) NOT NULL,
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `post_community_id_status_published_at_idx`(`community_id`, `status`, `published_at`),
    INDEX `post_status_published_at_idx`(`status`, `published_at`),
    INDEX `post_status_publish_at_idx`(`status`, `publish_at`),
    INDEX `post_author_id_created_at_idx`(`author_id`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `post_product` (
    `post_id` INTEGER NOT NULL,
    `product_id` INTEGER NOT NULL,
    `sort` INTEGER NOT NULL DEFAULT 0,

    INDEX `post_product_product_id_idx`(`product_id`),
    PRIMARY KEY (`post_id`, `product_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `post_like` (
    `post_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `post_like_user_id_idx`(`user_id`),
    PRIMARY KEY (`post_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `post_favourite` (
    `post_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `post_favourite_user_id_created_at_idx`(`user_id`, `created_at`),
    PRIMARY KEY (`post_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `post_comment` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `post_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `reply_to_id` INTEGER NULL,
    `text` VARCHAR(500) NOT NULL,
    `removed` BOOLEAN NOT NULL DEFAULT false,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `post_comment_post_id_id_idx`(`post_id`, `id`),
    INDEX `post_comment_reply_to_id_idx`(`reply_to_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `post_report` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `post_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `reason` VARCHAR(255) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `post_report_post_id_user_id_key`(`post_id`, `user_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `media_check` (
    `trace_id` VARCHAR(64) NOT NULL,
    `post_id` INTEGER NOT NULL,
    `url` VARCHAR(512) NOT NULL,
    `result` VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    `created_at` DATETIME(3) NOT NULL,
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `media_check_post_id_idx`(`post_id`),
    PRIMARY KEY (`trace_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `upload` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `kind` VARCHAR(8) NOT NULL,
    `path` VARCHAR(255) NOT NULL,
    `mime` VARCHAR(64) NOT NULL,
    `bytes` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `upload_path_key`(`path`),
    INDEX `upload_user_id_created_at_idx`(`user_id`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `visit` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NULL,
    `device_id` VARCHAR(64) NULL,
    `scene` INTEGER NULL,
    `source` VARCHAR(24) NOT NULL,
    `path` VARCHAR(255) NOT NULL DEFAULT '',
    `opengid` VARCHAR(64) NULL,
    `sharer_id` INTEGER NULL,
    `ref` VARCHAR(8) NULL,
    `post_id` INTEGER NULL,
    `community_id` INTEGER NULL,
    `groupbuy_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `visit_user_id_created_at_idx`(`user_id`, `created_at`),
    INDEX `visit_created_at_idx`(`created_at`),
    INDEX `visit_source_created_at_idx`(`source`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `order_attribution` (
    `order_id` INTEGER NOT NULL,
    `visit_id` INTEGER NULL,
    `source` VARCHAR(24) NOT NULL,
    `scene` INTEGER NULL,
    `opengid` VARCHAR(64) NULL,
    `sharer_id` INTEGER NULL,
    `ref` VARCHAR(8) NULL,
    `post_id` INTEGER NULL,
    `community_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `order_attribution_source_created_at_idx`(`source`, `created_at`),
    INDEX `order_attribution_post_id_idx`(`post_id`),
    INDEX `order_attribution_community_id_created_at_idx`(`community_id`, `created_at`),
    INDEX `order_attribution_opengid_idx`(`opengid`),
    INDEX `order_attribution_sharer_id_created_at_idx`(`sharer_id`, `created_at`),
    PRIMARY KEY (`order_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `analytics_event` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `type` VARCHAR(24) NOT NULL,
    `user_id` INTEGER NULL,
    `device_id` VARCHAR(64) NULL,
    `visit_id` INTEGER NULL,
    `page` VARCHAR(255) NULL,
    `product_id` INTEGER NULL,
    `post_id` INTEGER NULL,
    `at` DATETIME(3) NOT NULL,
    `received_at` DATETIME(3) NOT NULL,

    INDEX `analytics_event_type_at_idx`(`type`, `at`),
    INDEX `analytics_event_at_idx`(`at`),
    INDEX `analytics_event_product_id_at_idx`(`product_id`, `at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `groupbuy_campaign_sku` ADD CONSTRAINT `groupbuy_campaign_sku_campaign_id_fkey` FOREIGN KEY (`campaign_id`) REFERENCES `groupbuy_campaign`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `groupbuy_member` ADD CONSTRAINT `groupbuy_member_group_id_fkey` FOREIGN KEY (`group_id`) REFERENCES `groupbuy_group`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
