-- Notifications (订阅消息): users' one-time subscription credits per template (a counter and its
-- append-only entries), one message row per fact (unique event key), and the fan-outs and daily
-- reminders already done.

-- CreateTable
CREATE TABLE `notification_credit` (
    `user_id` INTEGER NOT NULL,
    `template` VARCHAR(32) NOT NULL,
    `remaining` INTEGER NOT NULL DEFAULT 0,
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `notification_credit_template_remaining_idx`(`template`, `remaining`),
    PRIMARY KEY (`user_id`, `template`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `notification_credit_entry` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `template` VARCHAR(32) NOT NULL,
    `type` VARCHAR(16) NOT NULL,
    `delta` INTEGER NOT NULL,
    `notification_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `notification_credit_entry_user_id_template_id_idx`(`user_id`, `template`, `id`),
    INDEX `notification_credit_entry_notification_id_idx`(`notification_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `notification` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `event_key` VARCHAR(128) NOT NULL,
    `template` VARCHAR(32) NOT NULL,
    `user_id` INTEGER NOT NULL,
    `page` VARCHAR(255) NOT NULL,
    `data` JSON NOT NULL,
    `status` ENUM('PENDING', 'SENT', 'SKIPPED_NO_CREDIT', 'REFUSED', 'FAILED') NOT NULL DEFAULT 'PENDING',
    `credit_spent` BOOLEAN NOT NULL DEFAULT false,
    `attempts` INTEGER NOT NULL DEFAULT 0,
    `errcode` INTEGER NULL,
    `last_error` VARCHAR(255) NULL,
    `created_at` DATETIME(3) NOT NULL,
    `sent_at` DATETIME(3) NULL,
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `notification_event_key_key`(`event_key`),
    INDEX `notification_status_created_at_idx`(`status`, `created_at`),
    INDEX `notification_user_id_created_at_idx`(`user_id`, `created_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `notification_fanout` (
    `key` VARCHAR(64) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
