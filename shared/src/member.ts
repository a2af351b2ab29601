import { z } from 'zod';

/**
 * 会员: levels by growth value (成长值 = cumulative paid yuan of completed orders, net of refunds),
 * each with a price discount, a points multiplier and member-day access; and 会员日, a recurring
 * day in the shop's time zone with member-day prices on chosen SKUs and a points multiplier.
 */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Bp = z.number().int();

export const MemberLevelIdParam = z.object({ id: Id }).strict();

/** An admin's level. `discountBp` is the price kept: 9500 = 5% off, 10000 = none. */
export const MemberLevelInput = z
  .object({
    name: z.string().trim().min(1).max(16),
    /** Growth value (yuan) from which a member is at this level. */
    minGrowth: z.number().int().min(0, 'minGrowth cannot be negative').max(100_000_000),
    discountBp: Bp.min(1, 'a discount of 100% or more is not a discount: discountBp must be 1..10000').max(
      10_000,
      'discountBp above 10000 would raise prices: use 1..10000 (9500 = 5% off)',
    ),
    pointsMultiplierBp: Bp.min(0, 'the points multiplier cannot be negative').max(
      100_000,
      'the points multiplier is at most ×10 (100000)',
    ),
    memberDayAccess: z.boolean().default(false),
  })
  .strict();
export type MemberLevelInput = z.infer<typeof MemberLevelInput>;

export const MemberLevelView = z.object({
  id: z.string(),
  name: z.string(),
  minGrowth: z.number().int(),
  discountBp: Bp,
  pointsMultiplierBp: Bp,
  memberDayAccess: z.boolean(),
});
export type MemberLevelView = z.infer<typeof MemberLevelView>;
export const MemberLevelList = z.object({ items: z.array(MemberLevelView) });
export type MemberLevelList = z.infer<typeof MemberLevelList>;

/** `GET /api/v1/member`: my level, growth, benefits and the next level. */
export const MemberView = z.object({
  level: MemberLevelView.nullable(),
  /** 成长值 in yuan (floored). */
  growth: z.number().int(),
  benefits: z.array(z.string()),
  nextLevel: z.object({ level: MemberLevelView, growthNeeded: z.number().int() }).nullable(),
});
export type MemberView = z.infer<typeof MemberView>;

export const MEMBER_DAY_KINDS = ['WEEKLY', 'MONTHLY'] as const;

/** The member-day schedule and benefits, as the admin sets them (`PUT /api/v1/admin/member-days`). */
export const MemberDaySettings = z
  .object({
    enabled: z.boolean(),
    kind: z.enum(MEMBER_DAY_KINDS),
    /** WEEKLY: 1 = Monday … 7 = Sunday; MONTHLY: 1 … 31 (a day the month lacks falls on its last day). */
    days: z.array(z.number().int().min(1).max(31)).max(31),
    /** Levels entitled; empty = every level with member-day access. */
    levelIds: z.array(Id).max(50).default([]),
    /** Points multiplier on member day (20000 = ×2); 10000 = none. */
    pointsMultiplierBp: Bp.min(0, 'the points multiplier cannot be negative').max(
      100_000,
      'the points multiplier is at most ×10 (100000)',
    ),
    /** 会员日价 on chosen SKUs (replaces the whole list). */
    prices: z
      .array(z.object({ skuId: Id, price: z.number().int().min(1, 'a member-day price is at least 1 fen') }).strict())
      .max(500)
      .default([]),
  })
  .strict()
  .superRefine((value, ctx) => {
    const max = value.kind === 'WEEKLY' ? 7 : 31;
    value.days.forEach((d, i) => {
      if (d > max) ctx.addIssue({ code: 'custom', path: ['days', i], message: `a ${value.kind} day is 1..${max}` });
    });
    if (new Set(value.days).size !== value.days.length)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'days are listed twice' });
    if (value.enabled && value.days.length === 0)
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'an enabled member day needs at least one day' });
    if (new Set(value.prices.map((p) => p.skuId)).size !== value.prices.length)
      ctx.addIssue({ code: 'custom', path: ['prices'], message: 'a SKU is listed twice' });
  });
export type MemberDaySettings = z.infer<typeof MemberDaySettings>;

/** `GET /api/v1/member-day`: is today member day for me, when is the next one, what it brings. */
export const MemberDayView = z.object({
  /** Today is a member day of the schedule (in the shop's time zone). */
  today: z.boolean(),
  /** …and the caller's level is entitled to it. */
  eligible: z.boolean(),
  next: z.object({ date: z.string(), startsAt: z.string() }).nullable(),
  benefits: z.object({
    pointsMultiplierBp: Bp,
    prices: z.array(z.object({ skuId: z.string(), price: z.number().int() })),
    levels: z.array(z.string()),
  }),
});
export type MemberDayView = z.infer<typeof MemberDayView>;
