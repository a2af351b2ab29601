import {
  POINTS_TASK_LABELS,
  POINTS_TASKS,
  type PointsRules,
  type PointsTaskKind,
  type PointsTaskView,
} from '@weshop/shared';

/**
 * 积分任务: one-off tasks, each rewarded once per member (the points_task primary key), in the
 * transaction of the fact that completes it. Pure rules of when a fact completes a task.
 */

/** The nickname given at first login (`微信用户` + 4 characters of the openid) is not one the user set. */
const DEFAULT_NICKNAME = /^微信用户/;

/** 完善资料: nickname (not the default one), avatar, phone and birthday all set. */
export function profileComplete(profile: {
  nickname: string;
  avatarUrl: string;
  phone: string | null;
  birthday: Date | null;
}): boolean {
  const nickname = profile.nickname.trim();
  return (
    nickname.length > 0 &&
    !DEFAULT_NICKNAME.test(nickname) &&
    profile.avatarUrl.trim().length > 0 &&
    !!profile.phone?.trim() &&
    profile.birthday !== null
  );
}

/**
 * 首单: an order counts once its after-sales window has closed (like the points it earned) while it
 * is COMPLETED with money paid and not all refunded; a 0-fen points-mall gift is not a first order.
 */
export function completesFirstOrder(order: { status: string; payable: number; refundedAmount: number }): boolean {
  return order.status === 'COMPLETED' && order.payable - order.refundedAmount > 0;
}

/** What a task gives under the rules (0 = off). */
export const taskPoints = (rules: PointsRules, task: PointsTaskKind): number => rules.tasks[task];

/** Every task with its points, done or not and when (what was awarded when done). */
export function taskViews(
  rules: PointsRules,
  done: ReadonlyArray<{ task: string; points: number; at: Date }>,
): PointsTaskView[] {
  return POINTS_TASKS.map((task) => {
    const row = done.find((d) => d.task === task);
    return {
      task,
      title: POINTS_TASK_LABELS[task],
      points: row ? row.points : taskPoints(rules, task),
      done: row !== undefined,
      at: row ? row.at.toISOString() : null,
    };
  });
}
