import {
  CampaignAdminQuery,
  CampaignCreateRequest,
  CampaignIdParam,
  CampaignListQuery,
  CampaignResultPage,
  CampaignResultView,
  GroupBuyCampaignView,
  GroupBuyCommunityParam,
  GroupIdParam,
  GroupView,
  MyGroupPage,
  MyGroupsQuery,
  AdminDistributorPage,
  AdminDistributorQuery,
  AdminWithdrawalPage,
  AdminWithdrawalQuery,
  BindRequest,
  BindResult,
  CommissionListQuery,
  CommissionPage,
  CommissionRuleInput,
  CommissionRuleView,
  CustomerPage,
  DistributionSettings,
  DistributorMe,
  Leaderboard,
  LeaderboardQuery,
  LedgerCheck,
  PageQuery,
  RejectRequest,
  ShareQuery,
  ShareView,
  TeamView,
  UserIdParam,
  WithdrawalIdParam,
  WithdrawalPage,
  WithdrawalRequest,
  WithdrawalView,
  AddressCreateRequest,
  AddressIdParam,
  AddressList,
  AddressUpdateRequest,
  AddressView,
  AdminIdParam,
  AdminProductView,
  AftersaleCreateRequest,
  AftersaleIdParam,
  AftersaleListQuery,
  AftersaleNoBody,
  AftersaleOrderIdParam,
  AftersalePage,
  AftersaleRejectRequest,
  AftersaleReturnRequest,
  AftersaleView,
  CartItemAddRequest,
  CartItemIdParam,
  CartItemUpdateRequest,
  CartView,
  CategoryList,
  ErrorBody,
  Health,
  ProductDetail,
  ProductIdParam,
  ProductListQuery,
  ProductCreateRequest,
  ProductPage,
  ProductUpdateRequest,
  ShelfRequest,
  ShippingTemplatePutRequest,
  ShippingTemplateView,
  SkuCreateRequest,
  SkuUpdateRequest,
  StockAdjustmentPage,
  StockAdjustmentQuery,
  StockAdjustmentRequest,
  StockAdjustmentView,
  UserView,
  WechatLoginRequest,
  WechatLoginResponse,
} from '@weshop/shared';
import { EventsRequest, EventsResult, LaunchRequest, LaunchResult } from '@weshop/shared';
import * as community from '@weshop/shared';
import * as coupon from '@weshop/shared';
import * as promotion from '@weshop/shared';
import * as notification from '@weshop/shared';
import * as analytics from '@weshop/shared';
import {
  MemberDaySettings,
  MemberDayView,
  MemberLevelIdParam,
  MemberLevelInput,
  MemberLevelList,
  MemberLevelView,
  MemberView,
  PointsEntriesQuery,
  PointsEntryPage,
  PointsRules,
  PointsSummary,
  SignInCalendar,
  SignInRequest,
  SignInResult,
} from '@weshop/shared';
import {
  PointsMallAdminList,
  PointsMallAdminQuery,
  PointsMallItemAdminView,
  PointsMallItemCreateRequest,
  PointsMallItemIdParam,
  PointsMallItemUpdateRequest,
  PointsMallList,
  PointsRedeemRequest,
  PointsRedemptionView,
  PointsTaskList,
  ProfileUpdateRequest,
} from '@weshop/shared';
import { z } from 'zod';
import {
  AdminOrderDetail,
  AdminOrderIdParam,
  AdminOrderListQuery,
  AdminOrderPage,
  CarrierList,
  OrderIdParam as LogisticsOrderIdParam,
  OrderLogistics,
  OrderReviewList,
  ProductIdParam as ReviewProductIdParam,
  ProductReviewPage,
  ProductReviewQuery,
  ReviewCreateRequest,
  ReviewFollowUpRequest,
  ReviewIdParam,
  ReviewReplyRequest,
  ReviewView,
  ShipRequest,
  ShopDsr,
} from '@weshop/shared';

/**
 * The OpenAPI 3 document, generated from the same zod schemas the server validates with and the
 * mini-program is typed by, so the published contract cannot drift from the code.
 * Add a route here when you add a controller route.
 */
interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  auth?: boolean;
  roles?: string[];
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
}

/** 购物车 and 收货地址: the caller's own, any other id is 404. */
function CART_AND_ADDRESS_ROUTES(): RouteDoc[] {
  const cart = { tag: 'cart', auth: true, response: CartView } as const;
  const address = { tag: 'addresses', auth: true } as const;
  return [
    { ...cart, method: 'get', path: '/api/v1/cart', summary: 'The cart: lines at current prices, and the unit count' },
    {
      ...cart,
      method: 'post',
      path: '/api/v1/cart/items',
      summary: 'Add a SKU (merges with its line; 1..99 per line, within stock, at most 100 lines)',
      body: CartItemAddRequest,
      status: 201,
    },
    {
      ...cart,
      method: 'patch',
      path: '/api/v1/cart/items/{id}',
      summary: "Set a line's quantity",
      params: CartItemIdParam,
      body: CartItemUpdateRequest,
    },
    { ...cart, method: 'delete', path: '/api/v1/cart/items/{id}', summary: 'Remove a line', params: CartItemIdParam },
    {
      ...address,
      method: 'get',
      path: '/api/v1/addresses',
      summary: 'My addresses, the default first',
      response: AddressList,
    },
    {
      ...address,
      method: 'post',
      path: '/api/v1/addresses',
      summary: 'Add an address (at most 20; the first is the default)',
      body: AddressCreateRequest,
      response: AddressView,
      status: 201,
    },
    {
      ...address,
      method: 'patch',
      path: '/api/v1/addresses/{id}',
      summary: 'Change an address (isDefault moves the default)',
      params: AddressIdParam,
      body: AddressUpdateRequest,
      response: AddressView,
    },
    {
      ...address,
      method: 'delete',
      path: '/api/v1/addresses/{id}',
      summary: 'Delete an address (the newest remaining inherits the default)',
      params: AddressIdParam,
      response: z.null(),
      status: 204,
    },
  ];
}

/** The merchant's catalog administration. */
function ADMIN_CATALOG_ROUTES(): RouteDoc[] {
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  return [
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/products',
      summary: 'Create a product with its SKUs (in a second-level category)',
      body: ProductCreateRequest,
      response: AdminProductView,
      status: 201,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/products/{id}',
      summary: 'A product with SKUs, codes and stock (off-shelf included)',
      params: AdminIdParam,
      response: AdminProductView,
    },
    {
      ...admin,
      method: 'patch',
      path: '/api/v1/admin/products/{id}',
      summary: 'Change product fields',
      params: AdminIdParam,
      body: ProductUpdateRequest,
      response: AdminProductView,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/products/{id}/skus',
      summary: 'Add a SKU (same spec names, a new combination)',
      params: AdminIdParam,
      body: SkuCreateRequest,
      response: AdminProductView,
      status: 201,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/products/{id}/shelf',
      summary: 'Put on or take off the shelf (上架/下架)',
      params: AdminIdParam,
      body: ShelfRequest,
      response: AdminProductView,
    },
    {
      ...admin,
      method: 'patch',
      path: '/api/v1/admin/skus/{id}',
      summary: 'Change price, list price, weight or code (stock: use stock adjustments)',
      params: AdminIdParam,
      body: SkuUpdateRequest,
      response: AdminProductView,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/skus/{id}/stock-adjustments',
      summary: 'Adjust stock by a delta, audited (never below zero)',
      params: AdminIdParam,
      body: StockAdjustmentRequest,
      response: StockAdjustmentView,
      status: 201,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/skus/{id}/stock-adjustments',
      summary: "A SKU's stock audit trail, newest first",
      params: AdminIdParam,
      query: StockAdjustmentQuery,
      response: StockAdjustmentPage,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/shipping-template',
      summary: 'The default shipping template (运费模板)',
      response: ShippingTemplateView,
    },
    {
      ...admin,
      method: 'put',
      path: '/api/v1/admin/shipping-template',
      summary: 'Replace the default shipping template',
      body: ShippingTemplatePutRequest,
      response: ShippingTemplateView,
    },
  ];
}

/** 售后: the buyer's own after-sales, and the merchant's review. */
function AFTERSALES_ROUTES(): RouteDoc[] {
  const buyer = { tag: 'aftersales', auth: true } as const;
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  return [
    {
      ...buyer,
      method: 'post',
      path: '/api/v1/orders/{id}/aftersales',
      summary:
        'Ask for a refund or a return and refund on a line of my order (one open per line, at most the refundable amount)',
      params: AftersaleOrderIdParam,
      body: AftersaleCreateRequest,
      response: AftersaleView,
      status: 201,
    },
    {
      ...buyer,
      method: 'get',
      path: '/api/v1/aftersales',
      summary: 'My after-sales, newest first',
      query: AftersaleListQuery,
      response: AftersalePage,
    },
    {
      ...buyer,
      method: 'get',
      path: '/api/v1/aftersales/{id}',
      summary: 'One of my after-sales with its timeline',
      params: AftersaleIdParam,
      response: AftersaleView,
    },
    {
      ...buyer,
      method: 'post',
      path: '/api/v1/aftersales/{id}/return',
      summary: 'I sent the goods of an approved return back (APPROVED → RETURNING)',
      params: AftersaleIdParam,
      body: AftersaleReturnRequest,
      response: AftersaleView,
    },
    {
      ...buyer,
      method: 'post',
      path: '/api/v1/aftersales/{id}/cancel',
      summary: 'Withdraw a request the merchant has not decided (REQUESTED → CANCELLED)',
      params: AftersaleIdParam,
      body: AftersaleNoBody,
      response: AftersaleView,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/aftersales',
      summary: 'All after-sales, newest first',
      query: AftersaleListQuery,
      response: AftersalePage,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/aftersales/{id}',
      summary: 'One after-sale with its timeline',
      params: AftersaleIdParam,
      response: AftersaleView,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/aftersales/{id}/approve',
      summary: 'Approve: refund only starts the WeChat refund at once; a return waits for the goods',
      params: AftersaleIdParam,
      body: AftersaleNoBody,
      response: AftersaleView,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/aftersales/{id}/reject',
      summary: 'Reject a request with a reason',
      params: AftersaleIdParam,
      body: AftersaleRejectRequest,
      response: AftersaleView,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/aftersales/{id}/receive',
      summary: 'The returned goods arrived: RECEIVED, then REFUNDING with the WeChat refund',
      params: AftersaleIdParam,
      body: AftersaleNoBody,
      response: AftersaleView,
    },
  ];
}

/** 发货 and 物流 (admin order console, parcels, tracking) and 评价 (reviews, DSR). */
function LOGISTICS_AND_REVIEW_ROUTES(): RouteDoc[] {
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  return [
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/orders',
      summary: "Every buyer's orders, newest first, with the buyer (q: order number prefix or phone)",
      query: AdminOrderListQuery,
      response: AdminOrderPage,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/orders/{id}',
      summary: 'An order with its buyer, the units left to ship and the WeChat shipping upload',
      params: AdminOrderIdParam,
      response: AdminOrderDetail,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/orders/{id}/ship',
      summary:
        'Ship one parcel (items omitted: everything left); the last parcel moves TO_SHIP → SHIPPED and uploads the shipping info to WeChat',
      params: AdminOrderIdParam,
      body: ShipRequest,
      response: AdminOrderDetail,
    },
    {
      method: 'get',
      path: '/api/v1/logistics/carriers',
      tag: 'logistics',
      summary: 'Carriers the shop ships with (code and name)',
      response: CarrierList,
    },
    {
      method: 'get',
      path: '/api/v1/orders/{id}/logistics',
      tag: 'logistics',
      auth: true,
      summary: "My order's parcels and their routes (newest event first)",
      params: LogisticsOrderIdParam,
      response: OrderLogistics,
    },
    {
      method: 'post',
      path: '/api/v1/orders/{id}/reviews',
      tag: 'reviews',
      auth: true,
      summary: 'Review one line of my COMPLETED order (once per line)',
      params: LogisticsOrderIdParam,
      body: ReviewCreateRequest,
      response: ReviewView,
      status: 201,
    },
    {
      method: 'get',
      path: '/api/v1/orders/{id}/reviews',
      tag: 'reviews',
      auth: true,
      summary: 'My reviews of this order (which lines are reviewed)',
      params: LogisticsOrderIdParam,
      response: OrderReviewList,
    },
    {
      method: 'post',
      path: '/api/v1/reviews/{id}/follow-up',
      tag: 'reviews',
      auth: true,
      summary: 'Add the one follow-up (追评) to my review',
      params: ReviewIdParam,
      body: ReviewFollowUpRequest,
      response: ReviewView,
    },
    {
      method: 'get',
      path: '/api/v1/products/{id}/reviews',
      tag: 'reviews',
      summary: "A product's reviews, newest first, reviewer nickname masked",
      params: ReviewProductIdParam,
      query: ProductReviewQuery,
      response: ProductReviewPage,
    },
    {
      method: 'get',
      path: '/api/v1/shop/dsr',
      tag: 'reviews',
      summary: 'Shop DSR: 180-day averages of product, logistics and service scores (5.00 each with no reviews)',
      response: ShopDsr,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/reviews/{id}/reply',
      summary: 'Reply to a review (商家回复, once)',
      params: ReviewIdParam,
      body: ReviewReplyRequest,
      response: ReviewView,
    },
  ];
}

/** 分销: the distributor centre, binding, withdrawals, and the manager's side. */
function DISTRIBUTION_ROUTES(): RouteDoc[] {
  const me = { tag: 'distribution', auth: true } as const;
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  const ok = z.object({ ok: z.boolean() });
  return [
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/me',
      summary: 'Status, code, tier, balances, binding',
      response: DistributorMe,
    },
    {
      ...me,
      method: 'post',
      path: '/api/v1/distribution/apply',
      summary: 'Apply to become a distributor (never a fee; optional spend condition; auto-approval by setting)',
      body: AftersaleNoBody,
      response: DistributorMe,
    },
    {
      ...me,
      method: 'post',
      path: '/api/v1/distribution/bind',
      summary:
        'Bind the caller to the distributor of a referral code (锁客 rules: first/last touch, protection, no self, no cycle)',
      body: BindRequest,
      response: BindResult,
    },
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/commissions',
      summary: 'My commissions, newest first',
      query: CommissionListQuery,
      response: CommissionPage,
    },
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/customers',
      summary: 'My customers (bound to me)',
      query: PageQuery,
      response: CustomerPage,
    },
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/team',
      summary: 'Team size, sales, direct sub-distributors',
      query: PageQuery,
      response: TeamView,
    },
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/leaderboard',
      summary: 'Top 20 by sales brought in',
      query: LeaderboardQuery,
      response: Leaderboard,
    },
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/share',
      summary: 'Share path with ref and the mini-program code (scene r=CODE&p=base36)',
      query: ShareQuery,
      response: ShareView,
    },
    {
      ...me,
      method: 'post',
      path: '/api/v1/distribution/withdrawals',
      summary: 'Withdraw (Idempotency-Key): minimum, daily cap, optional review, then 商家转账 with user confirmation',
      body: WithdrawalRequest,
      response: WithdrawalView,
      status: 201,
    },
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/withdrawals',
      summary: 'My withdrawals',
      query: PageQuery,
      response: WithdrawalPage,
    },
    {
      ...me,
      method: 'get',
      path: '/api/v1/distribution/withdrawals/{id}',
      summary: 'One withdrawal; `confirm` holds the wx.requestMerchantTransfer arguments while it waits for the user',
      params: WithdrawalIdParam,
      response: WithdrawalView,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/distributors',
      summary: 'Distributors and applications',
      query: AdminDistributorQuery,
      response: AdminDistributorPage,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/distributors/{userId}/approve',
      summary: 'Approve an application',
      params: UserIdParam,
      body: AftersaleNoBody,
      response: DistributorMe,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/distributors/{userId}/reject',
      summary: 'Reject an application with a reason',
      params: UserIdParam,
      body: RejectRequest,
      response: DistributorMe,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/withdrawals',
      summary: 'Withdrawals to review and their states',
      query: AdminWithdrawalQuery,
      response: AdminWithdrawalPage,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/withdrawals/{id}/approve',
      summary: 'Approve: the transfer starts',
      params: WithdrawalIdParam,
      body: AftersaleNoBody,
      response: ok,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/withdrawals/{id}/reject',
      summary: 'Reject: the money returns to the balance',
      params: WithdrawalIdParam,
      body: RejectRequest,
      response: ok,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/settings/distribution',
      summary: '分销设置',
      response: DistributionSettings,
    },
    {
      ...admin,
      method: 'put',
      path: '/api/v1/admin/settings/distribution',
      summary:
        'Save 分销设置; compliance violations (3 levels, fees, per-recruit rewards, share rewards, L1+L2>100%) are refused with 422',
      body: DistributionSettings,
      response: DistributionSettings,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/distribution/commission-rules',
      summary: 'Product and SKU commission rules',
      response: z.array(CommissionRuleView),
    },
    {
      ...admin,
      method: 'put',
      path: '/api/v1/admin/distribution/commission-rules',
      summary: 'Set a product or SKU rule (fixed per unit wins over percent)',
      body: CommissionRuleInput,
      response: z.array(CommissionRuleView),
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/distribution/ledger-check',
      summary: 'Every cached balance recomputed from the ledger',
      response: LedgerCheck,
    },
  ];
}

/**
 * 归因: launches and behaviour events. `/events` accepts anonymous callers that send
 * `X-Device-Id` (8-64 of A-Z a-z 0-9 _ -); a bearer token, when it verifies, names the user.
 */
function ATTRIBUTION_ROUTES(): RouteDoc[] {
  return [
    {
      method: 'post',
      path: '/api/v1/launch',
      tag: 'attribution',
      auth: true,
      summary:
        'Record a launch (or a show with a new scene): scene → traffic source, share ticket → opengid (decrypted with the ' +
        "user's session_key; one that does not decrypt is ignored), sharer, post, community; a `ref` binds (锁客). " +
        'The next order carries the last non-direct visit of the 7 days before it',
      body: LaunchRequest,
      response: LaunchResult,
    },
    {
      method: 'post',
      path: '/api/v1/events',
      tag: 'attribution',
      summary:
        'Batched behaviour events (1-50; 413 EVENT_BATCH_TOO_LARGE above). Anonymous with X-Device-Id. Each event is ' +
        'read on its own: the malformed or stale (> 7 days) ones come back in `rejected`, the rest are stored',
      body: EventsRequest,
      response: EventsResult,
      status: 202,
    },
  ];
}

/** 拼团: campaigns and groups (opened and joined through the order routes with `groupBuy`). */
function GROUP_BUY_ROUTES(): RouteDoc[] {
  const shopper = { tag: 'groupbuys', auth: true } as const;
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  return [
    {
      tag: 'groupbuys',
      method: 'get',
      path: '/api/v1/groupbuys/campaigns',
      summary: 'Campaigns selling now (for a product), with the open groups to join',
      query: CampaignListQuery,
      response: z.array(GroupBuyCampaignView),
    },
    {
      tag: 'groupbuys',
      method: 'get',
      path: '/api/v1/groupbuys/campaigns/{id}',
      summary: 'One campaign with its open groups',
      params: CampaignIdParam,
      response: GroupBuyCampaignView,
    },
    {
      ...shopper,
      method: 'get',
      path: '/api/v1/groupbuys/groups/{id}',
      summary: 'A group: paid members, seats left, deadline, status',
      params: GroupIdParam,
      response: GroupView,
    },
    {
      ...shopper,
      method: 'get',
      path: '/api/v1/groupbuys/mine',
      summary: 'My groups',
      query: MyGroupsQuery,
      response: MyGroupPage,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/groupbuys/campaigns',
      summary: 'Campaigns with their results (groups by outcome, success rate, GMV)',
      query: CampaignAdminQuery,
      response: CampaignResultPage,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/groupbuys/campaigns',
      summary: 'Create a campaign (group price per SKU, size 2-10, time limit, window, quota, limits, 模拟成团)',
      body: CampaignCreateRequest,
      response: CampaignResultView,
      status: 201,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/groupbuys/campaigns/{id}/disable',
      summary: 'Stop a campaign (open groups run to their deadline)',
      params: CampaignIdParam,
      body: AftersaleNoBody,
      response: CampaignResultView,
    },
    {
      ...shopper,
      method: 'get',
      path: '/api/v1/manage/communities/{communityId}/groupbuys',
      summary: "A community's own campaigns (its managers)",
      params: GroupBuyCommunityParam,
      query: CampaignAdminQuery,
      response: CampaignResultPage,
    },
    {
      ...shopper,
      method: 'post',
      path: '/api/v1/manage/communities/{communityId}/groupbuys',
      summary: 'Create a community-only campaign (its managers)',
      params: GroupBuyCommunityParam,
      body: CampaignCreateRequest,
      response: CampaignResultView,
      status: 201,
    },
  ];
}

/**
 * 社群与内容: communities (join, leave, members, share code), posts with content security
 * (keyword list, msg_sec_check, media_check_async answered through message push), feeds with
 * opaque cursors, reactions, comments, moderation by the community's own managers, uploads.
 */
function COMMUNITY_ROUTES(): RouteDoc[] {
  const c = community;
  const user = { tag: 'communities', auth: true } as const;
  const posts = { tag: 'posts', auth: true } as const;
  const manage = { tag: 'community-manage', auth: true } as const;
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  const ok = z.object({ ok: z.boolean() });
  const noBody = z.object({}).strict();
  const managed = (action: string, summary: string, body: z.ZodType): RouteDoc => ({
    ...manage,
    method: 'post',
    path: `/api/v1/manage/communities/{id}/posts/{postId}/${action}`,
    summary,
    params: c.ManagedPostParam,
    body,
    response: c.PostView,
  });
  return [
    {
      ...user,
      method: 'get',
      path: '/api/v1/communities',
      summary: 'Communities (`mine=true`: joined ones)',
      query: c.CommunityListQuery,
      response: c.CommunityPage,
    },
    {
      ...user,
      method: 'get',
      path: '/api/v1/communities/{id}',
      summary: 'A community, with the caller’s membership',
      params: c.CommunityIdParam,
      response: c.CommunityView,
    },
    {
      ...user,
      method: 'post',
      path: '/api/v1/communities/{id}/join',
      summary: 'Join (LINK or CODE); joining again changes nothing',
      params: c.CommunityIdParam,
      body: c.JoinCommunityRequest,
      response: c.CommunityView,
    },
    {
      ...user,
      method: 'post',
      path: '/api/v1/communities/{id}/leave',
      summary: 'Leave (409 COMMUNITY_LAST_MANAGER for the last manager)',
      params: c.CommunityIdParam,
      response: c.CommunityView,
    },
    {
      ...user,
      method: 'get',
      path: '/api/v1/communities/{id}/members',
      summary: 'Members, managers first (members and managers only)',
      params: c.CommunityIdParam,
      query: c.MemberListQuery,
      response: c.CommunityMemberPage,
    },
    {
      ...user,
      method: 'get',
      path: '/api/v1/communities/{id}/share',
      summary: 'Share path and mini-program code (scene c=<id>, page pages/community/index) as a data URL',
      params: c.CommunityIdParam,
      response: c.CommunityShareView,
    },
    {
      ...posts,
      method: 'get',
      path: '/api/v1/communities/{id}/posts',
      summary: 'Community feed: pinned first, then newest published; `{ items, nextCursor }`',
      params: c.CommunityIdParam,
      query: c.CursorQuery,
      response: c.PostCursorPage,
    },
    {
      ...posts,
      method: 'get',
      path: '/api/v1/posts',
      summary: 'discover (featured first, then newest everywhere), mine (every state), favourites',
      query: c.PostFeedQuery,
      response: c.PostCursorPage,
    },
    {
      ...posts,
      method: 'post',
      path: '/api/v1/posts',
      summary:
        'Create (members only): DRAFT with draft:true, SCHEDULED when publishAt is ahead, else screened now → PUBLISHED, IN_REVIEW or REJECTED',
      body: c.PostCreateRequest,
      response: c.PostView,
      status: 201,
    },
    {
      ...posts,
      method: 'get',
      path: '/api/v1/posts/{id}',
      summary: 'A post (published, or the author’s, or for the community’s managers); counts a view',
      params: c.PostIdParam,
      response: c.PostView,
    },
    {
      ...posts,
      method: 'patch',
      path: '/api/v1/posts/{id}',
      summary: 'Edit (the author; checked again)',
      params: c.PostIdParam,
      body: c.PostUpdateRequest,
      response: c.PostView,
    },
    {
      ...posts,
      method: 'delete',
      path: '/api/v1/posts/{id}',
      summary: 'Delete (the author): REMOVED',
      params: c.PostIdParam,
      response: c.PostView,
    },
    {
      ...posts,
      method: 'post',
      path: '/api/v1/posts/{id}/like',
      summary: 'Like (once)',
      params: c.PostIdParam,
      response: c.PostReactionView,
    },
    {
      ...posts,
      method: 'delete',
      path: '/api/v1/posts/{id}/like',
      summary: 'Unlike',
      params: c.PostIdParam,
      response: c.PostReactionView,
    },
    {
      ...posts,
      method: 'post',
      path: '/api/v1/posts/{id}/favourite',
      summary: 'Favourite (once)',
      params: c.PostIdParam,
      response: c.PostReactionView,
    },
    {
      ...posts,
      method: 'delete',
      path: '/api/v1/posts/{id}/favourite',
      summary: 'Unfavourite',
      params: c.PostIdParam,
      response: c.PostReactionView,
    },
    {
      ...posts,
      method: 'post',
      path: '/api/v1/posts/{id}/report',
      summary: '举报 (once per user; 5 reports send a post back to review)',
      params: c.PostIdParam,
      body: c.ReportRequest,
      response: c.PostReactionView,
    },
    {
      ...posts,
      method: 'get',
      path: '/api/v1/posts/{id}/comments',
      summary: 'Top comments with their first replies, oldest first; `parentId` pages one thread',
      params: c.PostIdParam,
      query: c.CommentListQuery,
      response: c.CommentCursorPage.or(c.ReplyCursorPage),
    },
    {
      ...posts,
      method: 'post',
      path: '/api/v1/posts/{id}/comments',
      summary: 'Comment or reply (a reply to a reply joins the top comment); 422 CONTENT_REJECTED',
      params: c.PostIdParam,
      body: c.CommentCreateRequest,
      response: c.CommentItemView,
      status: 201,
    },
    {
      ...posts,
      method: 'delete',
      path: '/api/v1/posts/{id}/comments/{commentId}',
      summary: 'Delete a comment (its author or a manager) with its replies',
      params: c.CommentIdParam,
      response: ok,
    },
    {
      tag: 'uploads',
      auth: true,
      method: 'post',
      path: '/api/v1/uploads',
      summary:
        'multipart/form-data, one file: JPEG/PNG/GIF/WebP image or MP4/MOV video, checked by its bytes (413 UPLOAD_TOO_LARGE, 415 UPLOAD_TYPE_UNSUPPORTED)',
      response: c.UploadResult,
      status: 201,
    },
    {
      ...manage,
      method: 'get',
      path: '/api/v1/manage/communities',
      summary: 'Communities the caller manages (an admin: all)',
      query: c.CommunityListQuery,
      response: c.CommunityPage,
    },
    {
      ...manage,
      method: 'put',
      path: '/api/v1/manage/communities/{id}/announcement',
      summary: 'Set the announcement',
      params: c.CommunityIdParam,
      body: c.AnnouncementRequest,
      response: c.CommunityView,
    },
    {
      ...manage,
      method: 'get',
      path: '/api/v1/manage/communities/{id}/members',
      summary: 'Members',
      params: c.CommunityIdParam,
      query: c.MemberListQuery,
      response: c.CommunityMemberPage,
    },
    {
      ...manage,
      method: 'patch',
      path: '/api/v1/manage/communities/{id}/members/{userId}',
      summary: 'Set a member’s role (never demoting the last manager)',
      params: c.CommunityMemberParam,
      body: c.MemberRoleRequest,
      response: c.CommunityMemberView,
    },
    {
      ...manage,
      method: 'delete',
      path: '/api/v1/manage/communities/{id}/members/{userId}',
      summary: 'Remove a member (not a manager)',
      params: c.CommunityMemberParam,
      response: ok,
    },
    {
      ...manage,
      method: 'get',
      path: '/api/v1/manage/communities/{id}/stats',
      summary:
        'Members, posts by state, likes, comments, views, reports, WeChat groups; the period’s figures (`from`, `to`) of this community',
      params: c.CommunityIdParam,
      query: c.CommunityStatsQuery,
      response: c.CommunityStatsWithAnalytics,
    },
    {
      ...manage,
      method: 'get',
      path: '/api/v1/manage/communities/{id}/posts',
      summary: 'Moderation queue by state (default IN_REVIEW; `reported=true`)',
      params: c.CommunityIdParam,
      query: c.ModerationQuery,
      response: c.PostCursorPage,
    },
    managed('approve', 'IN_REVIEW → PUBLISHED', noBody),
    managed('reject', 'IN_REVIEW or PUBLISHED → REJECTED', c.RejectPostRequest),
    managed('remove', '→ REMOVED', c.RemovePostRequest),
    managed('pin', 'Pin or unpin a published post', c.PinPostRequest),
    managed('feature', 'Feature or unfeature a published post (leads the discover feed)', c.FeaturePostRequest),
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/communities',
      summary: 'All communities',
      query: c.CommunityListQuery,
      response: c.CommunityPage,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/communities',
      summary: 'Create a community',
      body: c.CommunityCreateRequest,
      response: c.CommunityView,
      status: 201,
    },
    {
      ...admin,
      method: 'patch',
      path: '/api/v1/admin/communities/{id}',
      summary: 'Edit a community',
      params: c.CommunityIdParam,
      body: c.CommunityUpdateRequest,
      response: c.CommunityView,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/communities/{id}/managers',
      summary: 'Appoint a manager (joins them; grants COMMUNITY_MANAGER)',
      params: c.CommunityIdParam,
      body: c.ManagerAssignRequest,
      response: c.CommunityMemberView,
    },
    {
      ...admin,
      method: 'delete',
      path: '/api/v1/admin/communities/{id}/managers/{userId}',
      summary: 'Make a manager a member again',
      params: c.CommunityMemberParam,
      response: c.CommunityMemberView,
    },
    {
      tag: 'wechat',
      method: 'get',
      path: '/api/v1/wechat/message-push',
      summary: '消息推送 URL verification: echoes `echostr` when `signature` verifies',
      query: z.object({ signature: z.string(), timestamp: z.string(), nonce: z.string(), echostr: z.string() }),
      response: z.string(),
    },
    {
      tag: 'wechat',
      method: 'post',
      path: '/api/v1/wechat/message-push',
      summary: '消息推送 events, JSON safe mode (msg_signature, AES-256-CBC); answers `success`',
      query: z.object({
        signature: z.string(),
        timestamp: z.string(),
        nonce: z.string(),
        encrypt_type: z.literal('aes'),
        msg_signature: z.string(),
      }),
      body: z.object({ ToUserName: z.string().optional(), Encrypt: z.string() }),
      response: z.string(),
    },
  ];
}

/** 积分, 会员 and 会员日: the member's own and the admin's settings. */
function MARKETING_MEMBER_ROUTES(): RouteDoc[] {
  const member = { tag: 'marketing', auth: true } as const;
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  return [
    {
      ...member,
      method: 'get',
      path: '/api/v1/points',
      summary: 'My points: available, frozen, expiring soon',
      response: PointsSummary,
    },
    {
      ...member,
      method: 'get',
      path: '/api/v1/points/entries',
      summary: 'My points ledger, newest first',
      query: PointsEntriesQuery,
      response: PointsEntryPage,
    },
    {
      ...member,
      method: 'get',
      path: '/api/v1/points/sign-in',
      summary: 'Sign-in calendar and streak',
      response: SignInCalendar,
    },
    {
      ...member,
      method: 'post',
      path: '/api/v1/points/sign-in',
      summary: 'Sign in today (once per shop-local day; streak bonus by the cycle)',
      body: SignInRequest,
      response: SignInResult,
      status: 201,
    },
    {
      ...member,
      method: 'get',
      path: '/api/v1/member',
      summary: 'My level, growth, benefits and next level',
      response: MemberView,
    },
    {
      ...member,
      method: 'get',
      path: '/api/v1/member-day',
      summary: 'Member day today, the next one and its benefits',
      response: MemberDayView,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/member-levels',
      summary: 'Member levels',
      response: MemberLevelList,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/member-levels',
      summary: 'Add a level (growth threshold, discount, points multiplier, member-day access)',
      body: MemberLevelInput,
      response: MemberLevelView,
      status: 201,
    },
    {
      ...admin,
      method: 'put',
      path: '/api/v1/admin/member-levels/{id}',
      summary: 'Change a level',
      params: MemberLevelIdParam,
      body: MemberLevelInput,
      response: MemberLevelView,
    },
    {
      ...admin,
      method: 'delete',
      path: '/api/v1/admin/member-levels/{id}',
      summary: 'Remove a level',
      params: MemberLevelIdParam,
      response: z.null(),
      status: 204,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/member-days',
      summary: 'The member-day schedule and prices',
      response: MemberDaySettings,
    },
    {
      ...admin,
      method: 'put',
      path: '/api/v1/admin/member-days',
      summary: 'Set the member-day schedule, levels, points multiplier and prices',
      body: MemberDaySettings,
      response: MemberDaySettings,
    },
    { ...admin, method: 'get', path: '/api/v1/admin/points-rules', summary: 'Points rules', response: PointsRules },
    {
      ...admin,
      method: 'put',
      path: '/api/v1/admin/points-rules',
      summary: 'Set the points rules (earning, deduction, sign-in, expiry, task points)',
      body: PointsRules,
      response: PointsRules,
    },
    {
      ...member,
      method: 'get',
      path: '/api/v1/points/tasks',
      summary: '积分任务: first review, complete profile, first order: points, done or not and when',
      response: PointsTaskList,
    },
    {
      ...member,
      method: 'get',
      path: '/api/v1/points-mall/items',
      summary: '积分商城: active items with stock and my remaining allowance (also GET /api/v1/points-mall)',
      response: PointsMallList,
    },
    {
      ...member,
      method: 'post',
      path: '/api/v1/points-mall/items/{id}/redeem',
      summary:
        'Redeem (Idempotency-Key required; also POST /api/v1/points-mall/{id}/redeem): points oldest lot first; a coupon, or a gift order (0 fen: to ship; points + cash: to pay)',
      params: PointsMallItemIdParam,
      body: PointsRedeemRequest,
      response: PointsRedemptionView,
      status: 201,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/points-mall',
      summary: 'Points-mall items with their redemptions',
      query: PointsMallAdminQuery,
      response: PointsMallAdminList,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/points-mall',
      summary: 'Add an item: a GIFT of an exchangeable SKU or a COUPON of a POINTS_MALL template',
      body: PointsMallItemCreateRequest,
      response: PointsMallItemAdminView,
      status: 201,
    },
    {
      ...admin,
      method: 'patch',
      path: '/api/v1/admin/points-mall/{id}',
      summary: 'Change an item (title, points, cash, stock, per-member limit, active)',
      params: PointsMallItemIdParam,
      body: PointsMallItemUpdateRequest,
      response: PointsMallItemAdminView,
    },
  ];
}

/** 优惠券: the claim centre, my coupons, the checkout picker, templates (admin), community drops. */
function COUPON_ROUTES(): RouteDoc[] {
  const shopper = { tag: 'coupons', auth: true } as const;
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  return [
    {
      ...shopper,
      method: 'get',
      path: '/api/v1/coupons/center',
      summary: 'The claim centre: templates with claimable and the reason when not',
      response: coupon.CouponCenter,
    },
    {
      ...shopper,
      method: 'post',
      path: '/api/v1/coupons/{templateId}/claim',
      summary: 'Claim a coupon (never over-issued; per-user limit; member day; new customers)',
      params: coupon.ClaimTemplateParam,
      response: coupon.UserCouponView,
      status: 201,
    },
    {
      ...shopper,
      method: 'get',
      path: '/api/v1/me/coupons',
      summary: 'My coupons by status (AVAILABLE past their end are EXPIRED)',
      query: coupon.MyCouponsQuery,
      response: coupon.UserCouponPage,
    },
    {
      ...shopper,
      method: 'post',
      path: '/api/v1/me/coupons/for-checkout',
      summary: 'My coupons for a cart (the order preview body): usable with the discount, or the reason',
      body: coupon.OrderPreviewRequest,
      response: coupon.CheckoutCoupons,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/coupons',
      summary: 'Coupon templates with issued and used counts',
      query: coupon.CouponTemplateAdminQuery,
      response: coupon.CouponTemplateAdminPage,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/coupons',
      summary: 'Create a template (满减券, 折扣券 with a cap, 无门槛); nonsense settings are 422 with the field',
      body: coupon.CouponTemplateCreateRequest,
      response: coupon.CouponTemplateAdminView,
      status: 201,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/coupons/{id}',
      summary: 'One template',
      params: coupon.CouponTemplateIdParam,
      response: coupon.CouponTemplateAdminView,
    },
    {
      ...admin,
      method: 'patch',
      path: '/api/v1/admin/coupons/{id}',
      summary: 'Change the name, quantity (never below issued), per-user limit or status',
      params: coupon.CouponTemplateIdParam,
      body: coupon.CouponTemplateUpdateRequest,
      response: coupon.CouponTemplateAdminView,
    },
    {
      ...shopper,
      method: 'get',
      path: '/api/v1/manage/communities/{id}/coupons',
      summary: "The community's coupon templates (its managers)",
      params: coupon.CouponCommunityParam,
      response: coupon.CommunityCouponTemplates,
    },
    {
      ...shopper,
      method: 'post',
      path: '/api/v1/manage/communities/{id}/coupons',
      summary: "Drop one of the community's coupons to each member (its managers)",
      params: coupon.CouponCommunityParam,
      body: coupon.CommunityCouponDropRequest,
      response: coupon.CommunityCouponDropResult,
      status: 201,
    },
  ];
}

function PROMOTION_ROUTES(): RouteDoc[] {
  const admin = { tag: 'admin', auth: true, roles: ['ADMIN'] };
  return [
    {
      tag: 'promotions',
      auth: true,
      method: 'get',
      path: '/api/v1/promotions/active',
      summary: 'Running promotions: flash sales (price, quota left, per-person limit) and 满减 tiers',
      response: promotion.ActivePromotions,
    },
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/promotions',
      summary: 'Promotions by type and status, with flash-sale quota sold',
      query: promotion.PromotionAdminQuery,
      response: promotion.PromotionPage,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/promotions',
      summary:
        'Create a flash sale (SKUs, price, quota, per-person limit) or 满减 (scope, increasing tiers); nonsense is 400/422 with the field',
      body: promotion.PromotionCreateRequest,
      response: promotion.PromotionView,
      status: 201,
    },
    {
      ...admin,
      method: 'patch',
      path: '/api/v1/admin/promotions/{id}',
      summary:
        'Edit a promotion: everything but its type before it starts; its title, its end and raised flash quotas while it runs; nothing once ended or stopped',
      params: promotion.PromotionIdParam,
      body: promotion.PromotionUpdateRequest,
      response: promotion.PromotionView,
    },
    {
      ...admin,
      method: 'post',
      path: '/api/v1/admin/promotions/{id}/disable',
      summary: 'Stop a promotion now (orders placed keep their prices)',
      params: promotion.PromotionIdParam,
      response: promotion.PromotionView,
    },
  ];
}

/** 数据看板: the shop's dashboards (admin); `format=csv` on a table answers a CSV file (money in yuan). */
function ANALYTICS_ROUTES(): RouteDoc[] {
  const admin = { tag: 'analytics', auth: true, roles: ['ADMIN'], query: analytics.AnalyticsQuery };
  const tables: Array<[string, z.ZodType, string]> = [
    ['sources', analytics.SourcesTable, 'Every traffic source: visitors, orders, payers, GMV, conversion'],
    ['products', analytics.ProductsTable, 'Top products by conversion (viewers → payers), then GMV'],
    ['distributors', analytics.DistributorsTable, 'Distributor leaderboard by GMV of the orders they referred'],
    ['communities', analytics.CommunitiesTable, 'Communities: visitors, orders, GMV, new members, posts'],
    ['groups', analytics.WechatGroupsTable, 'WeChat groups (opengid) with their community'],
    ['posts', analytics.PostsTable, 'Content-to-order attribution by post'],
    ['groupbuys', analytics.GroupBuysTable, 'Group buys by campaign: opened, succeeded, failed, success rate'],
    ['dsr', analytics.DsrView, '店铺评分 of the reviews written in the period'],
  ];
  return [
    {
      ...admin,
      method: 'get',
      path: '/api/v1/admin/analytics/overview',
      summary: 'UV, PV, orders, GMV, AOV, conversions, repurchase; funnel and daily trend; previous period',
      response: analytics.AnalyticsOverview,
    },
    ...tables.map(([name, response, summary]) => ({
      ...admin,
      method: 'get' as const,
      path: `/api/v1/admin/analytics/${name}`,
      summary: `${summary} (\`format=csv\`: text/csv)`,
      response,
    })),
  ];
}

function NOTIFICATION_ROUTES(): RouteDoc[] {
  return [
    {
      tag: 'notifications',
      auth: true,
      method: 'get',
      path: '/api/v1/notifications/templates',
      summary:
        '订阅消息 templates (key, WeChat template id) and which to ask for at each moment (≤3 per requestSubscribeMessage)',
      response: notification.NotificationTemplateList,
    },
    {
      tag: 'notifications',
      auth: true,
      method: 'get',
      path: '/api/v1/notifications/subscriptions',
      summary: "The caller's remaining credits (messages that may still be sent) per template",
      response: notification.SubscriptionCredits,
    },
    {
      tag: 'notifications',
      auth: true,
      method: 'post',
      path: '/api/v1/notifications/subscriptions',
      summary:
        'Records what requestSubscribeMessage answered, by template key: each accept is one credit (one send); unknown keys are 400',
      body: notification.SubscriptionRequest,
      response: notification.SubscriptionCredits,
    },
  ];
}

const ROUTES: RouteDoc[] = [
  { method: 'get', path: '/health', tag: 'health', summary: 'Database, Redis and WeChat mode', response: Health },
  {
    method: 'post',
    path: '/api/v1/auth/wechat-login',
    tag: 'auth',
    summary: 'Log in with a wx.login code (sandbox: `sandbox:<name>`)',
    body: WechatLoginRequest,
    response: WechatLoginResponse,
  },
  { method: 'get', path: '/api/v1/me', tag: 'auth', summary: 'The caller', auth: true, response: UserView },
  {
    method: 'patch',
    path: '/api/v1/me',
    tag: 'auth',
    summary: 'Change my profile (nickname, avatar, phone, birthday); a complete one earns the COMPLETE_PROFILE task',
    auth: true,
    body: ProfileUpdateRequest,
    response: UserView,
  },
  {
    method: 'get',
    path: '/api/v1/categories',
    tag: 'catalog',
    summary: 'Two-level category tree',
    response: CategoryList,
  },
  {
    method: 'get',
    path: '/api/v1/products',
    tag: 'catalog',
    summary: 'Search products on the shelf',
    query: ProductListQuery,
    response: ProductPage,
  },
  {
    method: 'get',
    path: '/api/v1/products/{id}',
    tag: 'catalog',
    summary: 'Product detail with SKUs',
    params: ProductIdParam,
    response: ProductDetail,
  },
  {
    method: 'get',
    path: '/api/v1/admin/products',
    tag: 'admin',
    summary: 'All products, off-shelf included',
    auth: true,
    roles: ['ADMIN'],
    query: ProductListQuery,
    response: ProductPage,
  },
  ...CART_AND_ADDRESS_ROUTES(),
  ...ADMIN_CATALOG_ROUTES(),
  ...AFTERSALES_ROUTES(),
  ...LOGISTICS_AND_REVIEW_ROUTES(),
  ...DISTRIBUTION_ROUTES(),
  ...GROUP_BUY_ROUTES(),
  ...ATTRIBUTION_ROUTES(),
  ...COMMUNITY_ROUTES(),
  ...COUPON_ROUTES(),
  ...MARKETING_MEMBER_ROUTES(),
  ...PROMOTION_ROUTES(),
  ...NOTIFICATION_ROUTES(),
  ...ANALYTICS_ROUTES(),
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) as Record<string, unknown>;

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = {
    description: 'Error',
    content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } },
  };
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    paths[route.path][route.method] = {
      tags: [route.tag],
      summary: route.summary + (route.roles ? ` (roles: ${route.roles.join(', ')})` : ''),
      ...(route.auth ? { security: [{ bearer: [] }] } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [route.status ?? 200]: {
          description: 'OK',
          content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
        },
        '4XX': errorResponse,
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'weshop API',
      version,
      description:
        'Social-commerce mini-program server. Money is integer fen; ids are strings; errors share one shape.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
