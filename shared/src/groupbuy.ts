import { z } from 'zod';
import { page, PageQuery } from './list';

/**
 * 拼团: campaigns (group price per SKU, size, time limit, window, quota), groups and their members.
 * A group is opened or joined through the order routes: `groupBuy: { campaignId }` opens one,
 * `groupBuy: { campaignId, groupId }` joins one. A paid member's order waits in GROUPING.
 */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Fen = z.number().int();

export const GROUP_STATUSES = ['FORMING', 'SUCCEEDED', 'FAILED'] as const;
export const GroupStatus = z.enum(GROUP_STATUSES);
export type GroupStatus = z.infer<typeof GroupStatus>;

export const GroupBuySkuView = z.object({
  skuId: z.string(),
  specs: z.record(z.string(), z.string()),
  price: Fen,
  groupPrice: Fen,
  /** 团长价 (the leader pays this when set). */
  leaderPrice: Fen.nullable(),
  stock: z.number().int(),
});

export const OpenGroupView = z.object({
  id: z.string(),
  leader: z.object({ nickname: z.string(), avatar: z.string() }),
  seatsLeft: z.number().int(),
  expiresAt: z.string(),
});
export type OpenGroupView = z.infer<typeof OpenGroupView>;

export const GroupBuyCampaignView = z.object({
  id: z.string(),
  title: z.string(),
  productId: z.string(),
  communityId: z.string().nullable(),
  groupSize: z.number().int(),
  durationMinutes: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Units left in the campaign's quota (separate from stock). */
  quotaLeft: z.number().int(),
  perOrderLimit: z.number().int(),
  perUserLimit: z.number().int(),
  newCustomersOnly: z.boolean(),
  autoComplete: z.boolean(),
  skus: z.array(GroupBuySkuView),
  /** Groups anyone may join now (FORMING, seats left, not expired), soonest to expire first. */
  openGroups: z.array(OpenGroupView),
});
export type GroupBuyCampaignView = z.infer<typeof GroupBuyCampaignView>;

export const CampaignListQuery = z.object({ productId: Id.optional() }).strict();
export type CampaignListQuery = z.infer<typeof CampaignListQuery>;
export const CampaignIdParam = z.object({ id: Id }).strict();
export const GroupIdParam = z.object({ id: Id }).strict();

export const GroupMemberView = z.object({
  nickname: z.string(),
  avatar: z.string(),
  isLeader: z.boolean(),
  paidAt: z.string().nullable(),
});

/** GET /groupbuys/groups/:id */
export const GroupView = z.object({
  id: z.string(),
  campaignId: z.string(),
  productId: z.string(),
  title: z.string(),
  size: z.number().int(),
  status: GroupStatus,
  members: z.array(GroupMemberView),
  seatsLeft: z.number().int(),
  expiresAt: z.string(),
  /** Succeeded at expiry by 模拟成团. */
  simulated: z.boolean(),
  /** The caller's own order in this group, if any. */
  myOrderId: z.string().nullable(),
});
export type GroupView = z.infer<typeof GroupView>;

export const MyGroupsQuery = PageQuery.extend({ status: GroupStatus.optional() }).strict();
export type MyGroupsQuery = z.infer<typeof MyGroupsQuery>;
export const MyGroupPage = page(GroupView);
export type MyGroupPage = z.infer<typeof MyGroupPage>;

// ——— the manager's side (admin, or a community manager for a community-only campaign) ———

export const CampaignSkuInput = z
  .object({
    skuId: Id,
    groupPrice: z.number().int().min(1),
    leaderPrice: z.number().int().min(1).nullable().default(null),
  })
  .strict();

export const CampaignCreateRequest = z
  .object({
    title: z.string().trim().min(1).max(64),
    productId: Id,
    skus: z.array(CampaignSkuInput).min(1).max(50),
    groupSize: z.number().int().min(2).max(10),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60),
    startsAt: z.string().datetime({ offset: true }),
    endsAt: z.string().datetime({ offset: true }),
    quota: z.number().int().min(1).max(1_000_000),
    perOrderLimit: z.number().int().min(1).max(999).default(1),
    perUserLimit: z.number().int().min(1).max(999).default(1),
    newCustomersOnly: z.boolean().default(false),
    autoComplete: z.boolean().default(false),
    /** 模拟成团 threshold: the share of seats that must be paid (basis points). */
    autoCompleteMinPaidBp: z.number().int().min(0).max(10_000).default(0),
    /** Whether members' orders earn commission; null = the shop's default for activity goods. */
    earnsCommission: z.boolean().nullable().default(null),
  })
  .strict();
export type CampaignCreateRequest = z.infer<typeof CampaignCreateRequest>;

export const CampaignResultView = z.object({
  id: z.string(),
  title: z.string(),
  productId: z.string(),
  communityId: z.string().nullable(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  groupSize: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  quota: z.number().int(),
  quotaUsed: z.number().int(),
  groups: z.object({ forming: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
  /** Succeeded groups ÷ finished groups (basis points); null before any finished. */
  successRateBp: z.number().int().nullable(),
  paidOrders: z.number().int(),
  gmv: Fen,
});
export type CampaignResultView = z.infer<typeof CampaignResultView>;
export const CampaignResultPage = page(CampaignResultView);
export type CampaignResultPage = z.infer<typeof CampaignResultPage>;
export const CampaignAdminQuery = PageQuery.extend({ status: z.enum(['ACTIVE', 'DISABLED']).optional() }).strict();
export type CampaignAdminQuery = z.infer<typeof CampaignAdminQuery>;
export const GroupBuyCommunityParam = z.object({ communityId: Id }).strict();
