import { z } from 'zod';
import { PageQuery, page } from './list';

/**
 * 积分: an append-only ledger of lots (earned at, usable from, expires at). Spending earns 1 point
 * per yuan paid by default, frozen until the order's after-sales window closes; daily sign-in
 * earns with a streak bonus; points are spent at checkout oldest lot first and expire at the end
 * of the year after the year earned (shop time zone).
 */

const Bp = z.number().int();

/** `GET /api/v1/points`. */
export const PointsSummary = z.object({
  available: z.number().int(),
  frozen: z.number().int(),
  /** The next expiry within the notice period, or `{ amount: 0, at: null }`. */
  expiringSoon: z.object({ amount: z.number().int(), at: z.string().nullable() }),
});
export type PointsSummary = z.infer<typeof PointsSummary>;

export const POINTS_ENTRY_TYPES = [
  'EARN',
  'UNFREEZE',
  'SPEND',
  'RETURN',
  'REVERSE',
  'EXPIRE',
  'SIGN_IN',
  'TASK',
  'REDEEM',
] as const;

export const PointsEntryView = z.object({
  id: z.string(),
  type: z.enum(POINTS_ENTRY_TYPES),
  availableDelta: z.number().int(),
  frozenDelta: z.number().int(),
  orderId: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
});
export type PointsEntryView = z.infer<typeof PointsEntryView>;
export const PointsEntriesQuery = PageQuery.strict();
export type PointsEntriesQuery = z.infer<typeof PointsEntriesQuery>;
export const PointsEntryPage = page(PointsEntryView);
export type PointsEntryPage = z.infer<typeof PointsEntryPage>;

/** `GET /api/v1/points/sign-in`: this cycle's calendar and the streak. */
export const SignInCalendar = z.object({
  /** Today's date in the shop's time zone (YYYY-MM-DD). */
  today: z.string(),
  signedToday: z.boolean(),
  /** Consecutive days signed up to today (or yesterday when not yet signed today). */
  streak: z.number().int(),
  cycle: z.enum(['WEEKLY', 'MONTHLY']),
  /** Days signed in the current cycle window (last 7 days for WEEKLY, this month for MONTHLY). */
  days: z.array(z.object({ day: z.string(), points: z.number().int() })),
  /** What signing in today (or tomorrow when done) would give. */
  nextReward: z.number().int(),
});
export type SignInCalendar = z.infer<typeof SignInCalendar>;

export const SignInResult = z.object({
  day: z.string(),
  streak: z.number().int(),
  points: z.number().int(),
  bonus: z.boolean(),
});
export type SignInResult = z.infer<typeof SignInResult>;
export const SignInRequest = z.object({}).strict().optional();

const Multiplier = Bp.min(0, 'a multiplier cannot be negative').max(100_000, 'a multiplier is at most ×10 (100000)');

/** 积分任务: one-off tasks, each rewarded once per member. */
export const POINTS_TASKS = ['FIRST_REVIEW', 'COMPLETE_PROFILE', 'FIRST_ORDER'] as const;
export type PointsTaskKind = (typeof POINTS_TASKS)[number];
export const POINTS_TASK_LABELS: Record<PointsTaskKind, string> = {
  FIRST_REVIEW: '首次评价',
  COMPLETE_PROFILE: '完善资料',
  FIRST_ORDER: '首单完成',
};

const TaskPoints = z.number().int().min(0, 'task points cannot be negative').max(100_000);
const PointsTaskRewards = z
  .object({
    /** The member's first review. */
    FIRST_REVIEW: TaskPoints,
    /** Nickname, avatar, phone and birthday all set. */
    COMPLETE_PROFILE: TaskPoints,
    /** The first order whose after-sales window closed with money paid and not all refunded. */
    FIRST_ORDER: TaskPoints,
  })
  .strict();
const DEFAULT_TASK_REWARDS = { FIRST_REVIEW: 50, COMPLETE_PROFILE: 30, FIRST_ORDER: 100 };

/** `GET /api/v1/points/tasks`: each task with its points, done or not and when. */
export const PointsTaskView = z.object({
  task: z.enum(POINTS_TASKS),
  title: z.string(),
  /** What it gives (or gave, when done); 0 = the task is off. */
  points: z.number().int(),
  done: z.boolean(),
  at: z.string().nullable(),
});
export type PointsTaskView = z.infer<typeof PointsTaskView>;
export const PointsTaskList = z.object({ items: z.array(PointsTaskView) });
export type PointsTaskList = z.infer<typeof PointsTaskList>;

/** 积分规则 (`GET|PUT /api/v1/admin/points-rules`). */
export const PointsRules = z
  .object({
    earn: z
      .object({
        /** Points per yuan paid (before multipliers). */
        pointsPerYuan: z.number().int().min(0).max(100),
        /** Goods bought at an activity price (group buy, flash sale) earn nothing. */
        excludeActivityGoods: z.boolean(),
        /** On the member's birthday (20000 = ×2). */
        birthdayMultiplierBp: Multiplier,
      })
      .strict(),
    deduction: z
      .object({
        /** Points worth one yuan at checkout. */
        pointsPerYuan: z.number().int().min(1).max(100_000),
        /** At most this share of the goods (5000 = 50%). */
        maxShareBp: Bp.min(0).max(10_000, 'points can pay at most 100% (10000) of the goods'),
        /** Points are spent in multiples of this. */
        minUnit: z.number().int().min(1).max(100_000),
        /** Points may be used together with a coupon. */
        combineWithCoupon: z.boolean(),
      })
      .strict(),
    signIn: z
      .object({
        cycle: z.enum(['WEEKLY', 'MONTHLY']),
        dailyPoints: z.number().int().min(0).max(10_000),
        /** The streak day that earns the bonus (e.g. 7). */
        bonusDay: z.number().int().min(1).max(31),
        bonusPoints: z.number().int().min(0).max(100_000),
      })
      .strict(),
    expiry: z
      .object({
        /** Points expire at the end of the year this many years after the year earned. */
        yearsAfter: z.number().int().min(0).max(10),
        /** GET /points shows what expires within this many days. */
        noticeDays: z.number().int().min(1).max(366),
      })
      .strict(),
    /** 积分任务: points for each one-off task (0 = off). Rules saved before tasks existed get the defaults. */
    tasks: PointsTaskRewards.default(DEFAULT_TASK_REWARDS),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.signIn.cycle === 'WEEKLY' && value.signIn.bonusDay > 7)
      ctx.addIssue({ code: 'custom', path: ['signIn', 'bonusDay'], message: 'a weekly cycle has 7 days' });
  });
export type PointsRules = z.infer<typeof PointsRules>;

export const DEFAULT_POINTS_RULES: PointsRules = {
  earn: { pointsPerYuan: 1, excludeActivityGoods: true, birthdayMultiplierBp: 20_000 },
  deduction: { pointsPerYuan: 100, maxShareBp: 5_000, minUnit: 100, combineWithCoupon: true },
  signIn: { cycle: 'WEEKLY', dailyPoints: 5, bonusDay: 7, bonusPoints: 20 },
  expiry: { yearsAfter: 1, noticeDays: 30 },
  tasks: { ...DEFAULT_TASK_REWARDS },
};
