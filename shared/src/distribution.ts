import { z } from 'zod';
import { page, PageQuery } from './list';

/**
 * 分销: the distributor centre, referral binding (锁客), commissions on a ledger, withdrawals by
 * merchant transfer (商家转账), the team, and the manager's settings. Money is integer fen,
 * rates are basis points (10000 = 100%).
 */

const Id = z.string().regex(/^\d{1,10}$/, 'must be a numeric id');
const Fen = z.number().int();
const Bp = z.number().int().min(0).max(10_000);

/** Referral codes: 6 characters from an alphabet without 0/O/1/I. */
export const REFERRAL_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const ReferralCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{6}$/, 'is not a referral code'));

export const DISTRIBUTOR_STATUSES = ['NONE', 'PENDING', 'APPROVED', 'REJECTED'] as const;
export const DistributorStatus = z.enum(DISTRIBUTOR_STATUSES);
export type DistributorStatus = z.infer<typeof DistributorStatus>;

/** Balances of a distributor. `balance` may be negative after a refund of settled commission. */
export const DistributorBalances = z.object({
  /** Commission of paid orders whose after-sales window is still open (待结算). */
  pending: Fen,
  /** settled − withdrawn − in-flight withdrawals; negative when a refund reversed settled commission. */
  balance: Fen,
  /** What can be withdrawn now: the balance when positive, else 0 (可提现). */
  withdrawable: Fen,
  /** Withdrawals requested and not yet paid or failed (提现中). */
  inFlight: Fen,
  /** Paid out (已提现). */
  withdrawn: Fen,
});
export type DistributorBalances = z.infer<typeof DistributorBalances>;

/** GET /distribution/me */
export const DistributorMe = z.object({
  status: DistributorStatus,
  code: z.string().nullable(),
  tier: z.object({ id: z.string(), name: z.string() }).nullable(),
  parent: z.object({ nickname: z.string() }).nullable(),
  /** The distributor this user is bound to as a customer, while the binding lasts. */
  boundTo: z.object({ code: z.string(), nickname: z.string(), until: z.string().nullable() }).nullable(),
  rejectReason: z.string().nullable(),
  /** Whether an application would be accepted now, and what the shop asks for. */
  application: z.object({
    open: z.boolean(),
    autoApprove: z.boolean(),
    /** Cumulative spend the shop asks for (0 = none). */
    minSpend: Fen,
    spent: Fen,
  }),
  balances: DistributorBalances,
  withdrawal: z.object({ minAmount: Fen, dailyCap: Fen, reviewRequired: z.boolean() }),
  teamSize: z.number().int(),
  customers: z.number().int(),
});
export type DistributorMe = z.infer<typeof DistributorMe>;

export const BIND_SOURCES = ['LINK', 'CODE', 'MANUAL'] as const;
export const BindSource = z.enum(BIND_SOURCES);
export type BindSource = z.infer<typeof BindSource>;

/** POST /distribution/bind: also sent by the mini-program on launch when the path carries `ref`. */
export const BindRequest = z.object({ code: ReferralCode, source: BindSource.default('MANUAL') }).strict();
export type BindRequest = z.infer<typeof BindRequest>;

export const BIND_OUTCOMES = [
  'BOUND',
  'REBOUND',
  'ALREADY_BOUND',
  'PROTECTED',
  'NOT_NEW_CUSTOMER',
  'ALREADY_DISTRIBUTOR',
  'DISABLED',
] as const;
export const BindResult = z.object({
  bound: z.boolean(),
  outcome: z.enum(BIND_OUTCOMES),
  /** The distributor the user is bound to after this call (null when none). */
  distributorCode: z.string().nullable(),
  until: z.string().nullable(),
});
export type BindResult = z.infer<typeof BindResult>;

export const COMMISSION_STATUSES = ['ESTIMATED', 'PENDING', 'SETTLED', 'REVERSED', 'CANCELLED'] as const;
export const CommissionStatus = z.enum(COMMISSION_STATUSES);
export type CommissionStatus = z.infer<typeof CommissionStatus>;

export const CommissionListQuery = PageQuery.extend({ status: CommissionStatus.optional() }).strict();
export type CommissionListQuery = z.infer<typeof CommissionListQuery>;

export const CommissionView = z.object({
  id: z.string(),
  orderNo: z.string(),
  level: z.union([z.literal(1), z.literal(2)]),
  productTitle: z.string(),
  buyer: z.string(),
  /** The line's paid amount the commission is computed from. */
  base: Fen,
  amount: Fen,
  reversedAmount: Fen,
  /** What the commission is worth now: amount − reversed. */
  net: Fen,
  /** How it was computed, e.g. "店铺默认 10%" or "商品固定 ¥2.00/件". */
  rule: z.string(),
  status: CommissionStatus,
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type CommissionView = z.infer<typeof CommissionView>;
export const CommissionPage = page(CommissionView);
export type CommissionPage = z.infer<typeof CommissionPage>;

export const CustomerView = z.object({
  nickname: z.string(),
  avatarUrl: z.string(),
  source: BindSource,
  boundAt: z.string(),
  until: z.string().nullable(),
  /** Paid orders this customer placed through the distributor, and their amount. */
  orders: z.number().int(),
  spent: Fen,
});
export const CustomerPage = page(CustomerView);
export type CustomerPage = z.infer<typeof CustomerPage>;

export const TeamMemberView = z.object({
  nickname: z.string(),
  avatarUrl: z.string(),
  code: z.string(),
  joinedAt: z.string(),
  teamSize: z.number().int(),
  sales: Fen,
});
export const TeamView = z.object({
  /** Everyone below, at any depth. */
  teamSize: z.number().int(),
  directCount: z.number().int(),
  /** Own sales of everyone below (net of refunds, settled). */
  teamSales: Fen,
  ownSales: Fen,
  directs: page(TeamMemberView),
});
export type TeamView = z.infer<typeof TeamView>;

export const LeaderboardQuery = z.object({ period: z.enum(['week', 'month', 'all']).default('month') }).strict();
export type LeaderboardQuery = z.infer<typeof LeaderboardQuery>;
export const Leaderboard = z.object({
  period: z.enum(['week', 'month', 'all']),
  items: z.array(
    z.object({ rank: z.number().int(), nickname: z.string(), avatarUrl: z.string(), sales: Fen, isMe: z.boolean() }),
  ),
});
export type Leaderboard = z.infer<typeof Leaderboard>;

export const WITHDRAWAL_STATUSES = [
  'REQUESTED',
  'APPROVED',
  'PAYING',
  'WAITING_USER_CONFIRM',
  'PAID',
  'FAILED',
  'REJECTED',
] as const;
export const WithdrawalStatus = z.enum(WITHDRAWAL_STATUSES);
export type WithdrawalStatus = z.infer<typeof WithdrawalStatus>;

/** POST /distribution/withdrawals (Idempotency-Key). */
export const WithdrawalRequest = z.object({ amount: z.number().int().min(1).max(100_000_000) }).strict();
export type WithdrawalRequest = z.infer<typeof WithdrawalRequest>;

export const WithdrawalView = z.object({
  id: z.string(),
  outBillNo: z.string(),
  amount: Fen,
  status: WithdrawalStatus,
  failReason: z.string().nullable(),
  /** The arguments of wx.requestMerchantTransfer while the transfer waits for the user. */
  confirm: z.object({ mchId: z.string(), appId: z.string(), package: z.string(), openId: z.string() }).nullable(),
  requestedAt: z.string(),
  paidAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type WithdrawalView = z.infer<typeof WithdrawalView>;
export const WithdrawalPage = page(WithdrawalView);
export type WithdrawalPage = z.infer<typeof WithdrawalPage>;
export const WithdrawalIdParam = z.object({ id: Id }).strict();

/** GET /distribution/share?productId= */
export const ShareQuery = z.object({ productId: Id }).strict();
export const ShareView = z.object({
  /** The page path with `ref` for useShareAppMessage / the poster. */
  path: z.string(),
  ref: z.string().nullable(),
  /** `scene` of the mini-program code, e.g. `r=K7M3PQ&p=2n9c` (product id in base 36). */
  scene: z.string().nullable(),
  /** The mini-program code (wxacode.getUnlimited) as a data URL, for the poster. */
  codeImage: z.string().nullable(),
  product: z.object({ id: z.string(), title: z.string(), price: Fen, image: z.string() }),
});
export type ShareView = z.infer<typeof ShareView>;

/** Decodes the `scene` of a mini-program code (`r=CODE&p=<base36 product id>`). */
export function parseShareScene(scene: string): { ref: string | null; productId: string | null } {
  let decoded = scene;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    // keep it as it came
  }
  const params = new Map(
    decoded
      .split('&')
      .map((pair) => pair.split('='))
      .filter((kv) => kv.length === 2)
      .map(([k, v]) => [k, v] as const),
  );
  const ref = ReferralCode.safeParse(params.get('r') ?? '');
  const product = params.get('p');
  const productId = product && /^[0-9a-z]{1,8}$/.test(product) ? String(parseInt(product, 36)) : null;
  return { ref: ref.success ? ref.data : null, productId };
}

/** Builds the `scene` for a referral code and a product (≤ 32 characters). */
export function shareScene(code: string, productId: string | number): string {
  return `r=${code}&p=${Number(productId).toString(36)}`;
}

// ——— the manager's side ———

export const DistributionTier = z
  .object({
    id: z.string().optional(),
    name: z.string().trim().min(1).max(16),
    /** Own sales (fen, net of refunds, settled) from which a distributor reaches this tier. */
    minSales: z.number().int().min(0),
    l1RateBp: Bp.nullable(),
    l2RateBp: Bp.nullable(),
  })
  .strict();
export type DistributionTier = z.infer<typeof DistributionTier>;

/** GET|PUT /admin/settings/distribution. The server refuses settings that break the compliance rules. */
export const DistributionSettings = z
  .object({
    enabled: z.boolean(),
    /** Commission levels paid: 1 or 2. Two is the ceiling in code. */
    levels: z.number().int().min(1),
    l1RateBp: Bp,
    l2RateBp: Bp,
    selfPurchaseCommission: z.boolean(),
    /** Whether activity goods (group buy, flash sale) earn commission when the campaign does not say. */
    activityGoodsEarn: z.boolean(),
    application: z.object({ autoApprove: z.boolean(), minSpend: z.number().int().min(0) }).strict(),
    binding: z
      .object({
        mode: z.enum(['FIRST_TOUCH', 'LAST_TOUCH']),
        /** 0 = permanent. */
        protectionDays: z.number().int().min(0).max(3650),
        newUsersOnly: z.boolean(),
      })
      .strict(),
    withdrawal: z
      .object({
        minAmount: z.number().int().min(1),
        dailyCap: z.number().int().min(1),
        reviewRequired: z.boolean(),
      })
      .strict(),
    tiers: z.array(DistributionTier).max(10),
  })
  .strict();
export type DistributionSettings = z.infer<typeof DistributionSettings>;

/** PUT /admin/distribution/commission-rules: a product's (or one SKU's) own rates; fixed wins. */
export const CommissionRuleInput = z
  .object({
    productId: Id,
    skuId: Id.nullable().default(null),
    percent: z.object({ l1Bp: Bp, l2Bp: Bp }).strict().nullable().default(null),
    /** Fen per unit. */
    fixed: z
      .object({ l1: z.number().int().min(0).max(10_000_000), l2: z.number().int().min(0).max(10_000_000) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type CommissionRuleInput = z.infer<typeof CommissionRuleInput>;
export const CommissionRuleView = CommissionRuleInput.extend({ id: z.string() });
export type CommissionRuleView = z.infer<typeof CommissionRuleView>;

export const AdminDistributorQuery = PageQuery.extend({ status: DistributorStatus.optional() }).strict();
export type AdminDistributorQuery = z.infer<typeof AdminDistributorQuery>;
export const AdminDistributorView = z.object({
  userId: z.string(),
  nickname: z.string(),
  code: z.string().nullable(),
  status: DistributorStatus,
  parent: z.string().nullable(),
  tier: z.string().nullable(),
  appliedAt: z.string(),
  approvedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  balances: DistributorBalances,
  teamSize: z.number().int(),
  ownSales: Fen,
});
export type AdminDistributorView = z.infer<typeof AdminDistributorView>;
export const AdminDistributorPage = page(AdminDistributorView);
export type AdminDistributorPage = z.infer<typeof AdminDistributorPage>;
export const UserIdParam = z.object({ userId: Id }).strict();
export const RejectRequest = z.object({ reason: z.string().trim().min(1).max(64) }).strict();
export type RejectRequest = z.infer<typeof RejectRequest>;

export const AdminWithdrawalQuery = PageQuery.extend({ status: WithdrawalStatus.optional() }).strict();
export type AdminWithdrawalQuery = z.infer<typeof AdminWithdrawalQuery>;
export const AdminWithdrawalView = WithdrawalView.extend({
  distributor: z.object({ userId: z.string(), nickname: z.string(), code: z.string().nullable() }),
});
export type AdminWithdrawalView = z.infer<typeof AdminWithdrawalView>;
export const AdminWithdrawalPage = page(AdminWithdrawalView);
export type AdminWithdrawalPage = z.infer<typeof AdminWithdrawalPage>;

/** GET /admin/distribution/ledger-check: every cached balance recomputed from the ledger. */
export const LedgerCheck = z.object({
  distributors: z.number().int(),
  mismatches: z.array(z.object({ userId: z.string(), cached: DistributorBalances, ledger: DistributorBalances })),
});
export type LedgerCheck = z.infer<typeof LedgerCheck>;
