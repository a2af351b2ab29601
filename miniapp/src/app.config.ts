export default defineAppConfig({
  pages: [
    // 首页 feed. Query: `as` (h5 only: sandbox user to log in as, e.g. ?as=alice); any page also reads
    // `ref` / `scene` on launch (a share's referral code, bound once logged in: utils/launch-referral.ts).
    'pages/home/index',
    // 分类: two-level categories. Query: none (tab page; tab pages take no query in WeChat).
    'pages/category/index',
    // 商品详情. Query: `id` (product id; or `scene` from a mini-program code, `r=<code>&p=<base36 id>`),
    // `ref` (optional: the sharer's referral code, bound on launch).
    'pages/product/index',
    // 购物车 (tab). Query: none.
    'pages/cart/index',
    // 我的 (tab): profile, order shortcuts, 社群, addresses, 分销中心, 管理后台 for admins. Query: none.
    'pages/me/index',
    // 社群主页: intro, 公告, 加入 / 退出, the feed (pinned first), 发帖 for members. Query: `id` (community id;
    // or `scene` from the community's mini-program code, `c=<id>`: joining then counts as CODE); a share
    // also carries `ref` (a distributor's code, bound on launch) or `sharer`, and `communityId` (attribution).
    'pages/community/index',
  ],
  subPackages: [
    {
      root: 'subpackages/order',
      pages: [
        // 确认订单. Query: `items` (required, `skuId:quantity` pairs joined by commas, e.g. `12:1,40:3`),
        // `fromCart` (`1` when the items come from the cart: they leave it once the order exists),
        // `gb` (optional: a group-buy campaign id, the order opens a group of it: 发起拼团),
        // `group` (optional, with `gb`: the group to join: 参团).
        'confirm/index',
        // 支付结果: polls the order until the server has seen the payment; a paid group-buy order goes on
        // to its group's page. Query: `id` (order id, required).
        'pay-result/index',
        // 我的订单. Query: `status` (optional: an order status, `AFTERSALE` for 售后, or `ALL`).
        'list/index',
        // 订单详情. Query: `id` (order id, required).
        'detail/index',
      ],
    },
    {
      root: 'subpackages/address',
      pages: [
        // 收货地址. Query: `select` (optional, `1`: tapping an address picks it for 确认订单 and goes back).
        'list/index',
        // 新增 / 编辑地址. Query: `id` (optional: the address to edit; none adds one).
        'edit/index',
      ],
    },
    {
      root: 'subpackages/admin',
      pages: [
        // 订单管理 with the 发货 form. Query: `status` (optional order status; default TO_SHIP).
        'orders/index',
        // 商品管理: 上架 / 下架 and 库存调整. Query: none.
        'products/index',
        // 售后管理: approve / reject / receive. Query: none.
        'aftersales/index',
        // 分销员审核: pending applications (通过 / 驳回 with a reason) and distributors by status. Query: none.
        'distributors/index',
        // 提现审核: withdrawals by status, 同意 / 驳回 with a reason. Query: none.
        'withdrawals/index',
        // 分销设置: rates, levels, application, binding, withdrawal rules and tiers. Query: none.
        'distribution-settings/index',
        // 拼团活动: campaigns with their results (groups, 成团率, quota, GMV), 新建 and 停用. Query: none.
        'groupbuys/index',
        // 社群管理 of one community (its managers and admins): 内容审核 by status, members and roles, 公告 and
        // the community code, 数据, 社群专享拼团. Query: `id` (community id, required).
        'community/index',
        // 社群 of the shop (admins): 新建社群, 设为主理人 by user id. Query: none.
        'communities/index',
        // 数据看板 (admins): 今日 / 近7天 / 近30天 / 自定义, the cards against the previous period, the GMV and UV
        // trend, 渠道来源, the funnel, 排行 (商品, 分销员, 社群, 微信群, 内容, 拼团, DSR) with 导出 CSV. Query: none.
        'analytics/index',
        // 营销活动: promotions by status and type, 新建 (限时秒杀, 满减, 满赠, 组合优惠, 买X送Y, a form per type) and
        // 停用. Query: none.
        'promotions/index',
        // 优惠券 templates: issued / total, 新建 (满减券, 折扣券, 无门槛), 编辑 (name, quantity, limit), 停用. Query: none.
        'coupons/index',
        // 会员等级: levels by growth threshold with discount, points multiplier, member-day access; 新建 / 编辑 /
        // 删除. Query: none.
        'member-levels/index',
        // 会员日: the schedule (weekly or month days), levels, points multiplier, member-day prices. Query: none.
        'member-day/index',
        // 积分规则: earning, cash deduction, sign-in, expiry and task points. Query: none.
        'points-rules/index',
        // 积分商城 items: gifts (a SKU) and coupons (a POINTS_MALL template) for points or points + cash, stock,
        // per-member limit, 上架 / 下架, 新建 / 编辑 with the server's messages on their fields. Query: none.
        'points-mall/index',
      ],
    },
    {
      root: 'subpackages/distribution',
      pages: [
        // 分销中心: apply (with the shop's condition) or code, tier, balances and links. Query: none.
        'center/index',
        // 佣金明细 by status. Query: `status` (optional commission status, e.g. SETTLED; default all).
        'commissions/index',
        // 提现: amount, the 确认收款 step and 提现记录. Query: none.
        'withdraw/index',
        // 我的客户 (shoppers bound to me). Query: none.
        'customers/index',
        // 我的团队: team size, direct sub-distributors, team sales, leaderboard. Query: none.
        'team/index',
        // 推广海报 of a product with my mini-program code. Query: `productId` (required).
        'poster/index',
      ],
    },
    {
      root: 'subpackages/groupbuy',
      pages: [
        // 拼团详情: members and empty seats, countdown, status, 邀请好友参团 / 我也要参团. Query: `id` (group id,
        // required), `ref` (optional: the sharer's referral code, bound on launch).
        'group/index',
        // 我的拼团. Query: `status` (optional group status: FORMING, SUCCEEDED or FAILED; default all).
        'mine/index',
      ],
    },
    {
      root: 'subpackages/aftersales',
      pages: [
        // 申请售后. Query: `orderId`, `lineId` (both required: the order line to refund or return).
        'request/index',
        // 售后详情: status, amounts, timeline, 填写退货物流 / 撤销申请. Query: `id` (after-sale id, required).
        'detail/index',
        // 我的售后. Query: `status` (optional after-sale status).
        'list/index',
      ],
    },
    {
      root: 'subpackages/community',
      pages: [
        // 社群 list. Query: `tab` (optional, `mine`: 我加入的; default all communities).
        'list/index',
        // 帖子详情: text, images, video, tagged products, 点赞 / 收藏 / 举报, comments and replies; 编辑 / 删除 for
        // the author, 置顶 / 精选 / 移除 for managers. Query: `id` (post id, required); a share also carries
        // `ref` (a distributor's code, bound on launch) or `sharer`, `postId` and `communityId` (attribution).
        'post/index',
        // 发帖 / 编辑帖子: 图文 / 视频 / 长文, images, video, product tags, 定时发布, 存草稿. Query: `communityId`
        // (required for a new post), `id` (optional: the post to edit).
        'editor/index',
        // 发现: featured then newest posts across communities; 我的帖子, 我的收藏. Query: `feed` (optional:
        // `mine` or `favourites`; default discover).
        'discover/index',
      ],
    },
    {
      root: 'subpackages/marketing',
      pages: [
        // 会员中心: level, 成长值 and the way to the next level, benefits. Query: none.
        'member/index',
        // 签到: the cycle's calendar with the streak, 立即签到. Query: none.
        'sign-in/index',
        // 我的积分: available, frozen, expiring soon, 积分明细. Query: none.
        'points/index',
        // 领券中心 and 我的优惠券. Query: `tab` (optional: `center` or a coupon status, e.g. AVAILABLE; default center).
        'coupons/index',
        // 会员日: today's or a countdown to the next, its benefits. Query: none.
        'member-day/index',
        // 限时秒杀: the running flash sales, each SKU's flash price vs its price, a countdown to the end, the stock
        // bar (已抢 N%), 马上抢 to 确认订单 or 已抢光. Query: none.
        'flash-sale/index',
        // 积分商城: my usable points, gifts and coupons for points (or points + cash) with stock and 兑换 behind a
        // confirm modal; a gift opens its order. Query: none.
        'points-mall/index',
      ],
    },
    {
      root: 'subpackages/review',
      pages: [
        // 发表评价. Query: `orderId`, `lineId` (both required: a line of a completed order).
        'write/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '微店',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#e93b3d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/category/index',
        text: '分类',
        iconPath: 'assets/tab/category.png',
        selectedIconPath: 'assets/tab/category-active.png',
      },
      {
        pagePath: 'pages/cart/index',
        text: '购物车',
        iconPath: 'assets/tab/cart.png',
        selectedIconPath: 'assets/tab/cart-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
});
