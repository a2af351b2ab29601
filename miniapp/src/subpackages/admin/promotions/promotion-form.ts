import {
  formatFen,
  PromotionCreateRequest,
  type AdminProductView,
  type FieldIssue,
  type Fen,
  type PromotionScope,
  type PromotionType,
  type PromotionView,
} from '@weshop/shared';
import type { PromotionCreateBody } from '../../../api/admin-marketing';
import { specsText } from '../../../utils/order-status';
import { formatLocalDateTime } from '../groupbuys/campaign-form';
import { InputReader, schemaIssues } from '../components/console-form/form-input';

/**
 * 新建营销活动 as the manager fills it in, one form for the five types (限时秒杀, 满减, 满赠, 组合优惠,
 * 买X送Y): yuan, `YYYY-MM-DD HH:mm` and typed numbers, turned into the contract's
 * PromotionCreateRequest of that type. Only well-formedness is checked here; the rules (a flash price
 * below the SKU's, tiers rising, a bundle below its set price, …) are the server's and its messages
 * are shown on their fields (`skus.0.price`, `tiers.1.amount`, …).
 */

export const PROMOTION_TYPE_TEXT: Record<PromotionType, string> = {
  FLASH_SALE: '限时秒杀',
  FULL_REDUCTION: '满减',
  FULL_GIFT: '满赠',
  BUNDLE: '组合优惠',
  BUY_X_GET_Y: '买X送Y',
};

export const PROMOTION_SCOPE_TEXT: Record<PromotionScope, string> = {
  ALL: '全部商品',
  CATEGORIES: '指定分类',
  PRODUCTS: '指定商品',
};

export interface FlashSkuRow {
  skuId: string;
  /** What 读取商品 knows of the SKU (specs · price), null for a SKU typed by id. */
  label: string | null;
  /** Yuan. */
  price: string;
  quota: string;
  perUserLimit: string;
}

export interface TierRow {
  /** Yuan. */
  threshold: string;
  amount: string;
}

export interface BundleItemRow {
  kind: 'SKU' | 'PRODUCT';
  id: string;
  quantity: string;
}

export interface PromotionForm {
  type: PromotionType;
  title: string;
  /** `YYYY-MM-DD HH:mm` (device time zone). */
  startsAt: string;
  endsAt: string;
  memberDayOnly: boolean;
  stackWithCoupon: boolean;
  earnsPoints: boolean;
  /** null = the shop's default for activity goods. */
  earnsCommission: boolean | null;
  /** 满减, 满赠, 买X送Y. */
  scope: PromotionScope;
  /** Ids separated by commas. */
  scopeIds: string;
  /** 限时秒杀. */
  skus: FlashSkuRow[];
  /** 满减. */
  tiers: TierRow[];
  /** 满赠: threshold (yuan), gift SKU and units. */
  giftThreshold: string;
  giftSkuId: string;
  giftQuantity: string;
  /** 组合优惠: items and the set's price (yuan). */
  bundleItems: BundleItemRow[];
  bundlePrice: string;
  /** 买X送Y. */
  buyQuantity: string;
  getQuantity: string;
  /** Empty = no cap. */
  maxGiftsPerOrder: string;
}

export const MAX_FLASH_SKUS = 50;
export const MAX_TIERS = 5;
export const MAX_BUNDLE_ITEMS = 10;

export function emptyFlashSku(skuId = '', label: string | null = null): FlashSkuRow {
  return { skuId, label, price: '', quota: '100', perUserLimit: '1' };
}

export function emptyTier(): TierRow {
  return { threshold: '', amount: '' };
}

export function emptyBundleItem(): BundleItemRow {
  return { kind: 'SKU', id: '', quantity: '1' };
}

/** A blank form of `type`, starting now (to the minute), for a day (秒杀) or a week (the others). */
export function emptyPromotionForm(now: Date, type: PromotionType = 'FLASH_SALE'): PromotionForm {
  const start = new Date(now.getTime());
  start.setSeconds(0, 0);
  const days = type === 'FLASH_SALE' ? 1 : 7;
  return {
    type,
    title: '',
    startsAt: formatLocalDateTime(start),
    endsAt: formatLocalDateTime(new Date(start.getTime() + days * 86_400_000)),
    memberDayOnly: type === 'BUY_X_GET_Y',
    stackWithCoupon: true,
    earnsPoints: true,
    earnsCommission: null,
    scope: 'ALL',
    scopeIds: '',
    skus: [emptyFlashSku()],
    tiers: [emptyTier()],
    giftThreshold: '',
    giftSkuId: '',
    giftQuantity: '1',
    bundleItems: [emptyBundleItem(), emptyBundleItem()],
    bundlePrice: '',
    buyQuantity: '2',
    getQuantity: '1',
    maxGiftsPerOrder: '',
  };
}

/** Switching type keeps what is common; 买X送Y is a member-day benefit unless told otherwise. */
export function withType(form: PromotionForm, type: PromotionType): PromotionForm {
  if (form.type === type) return form;
  return { ...form, type, memberDayOnly: type === 'BUY_X_GET_Y' ? true : form.memberDayOnly };
}

/** 读取商品 for a flash sale: the product's SKUs become rows (those already listed stay as they are). */
export function addProductSkus(rows: FlashSkuRow[], product: Pick<AdminProductView, 'skus'>): FlashSkuRow[] {
  const kept = rows.filter((r) => r.skuId.trim() !== '');
  const listed = new Set(kept.map((r) => r.skuId.trim()));
  const added = product.skus
    .filter((sku) => !listed.has(sku.id))
    .map((sku) =>
      emptyFlashSku(sku.id, `${specsText(sku.specs) || '默认规格'} · 售价 ${formatFen(sku.price)} · 库存 ${sku.stock}`),
    );
  return [...kept, ...added].slice(0, MAX_FLASH_SKUS);
}

export type PromotionFormResult = { ok: true; request: PromotionCreateBody } | { ok: false; issues: FieldIssue[] };

/** The form as the request of its type, or the inputs that are not well-formed (by request path). */
export function formToPromotion(form: PromotionForm): PromotionFormResult {
  const read = new InputReader();
  const common = {
    title: read.text('title', form.title, 64, '活动名称'),
    startsAt: read.time('startsAt', form.startsAt),
    endsAt: read.time('endsAt', form.endsAt),
    memberDayOnly: form.memberDayOnly,
    stackWithCoupon: form.stackWithCoupon,
    earnsPoints: form.earnsPoints,
    earnsCommission: form.earnsCommission,
  };
  if (common.startsAt && common.endsAt && Date.parse(common.endsAt) <= Date.parse(common.startsAt)) {
    read.add('endsAt', '结束时间需晚于开始时间');
  }
  const scoped = () => ({
    scope: form.scope,
    scopeIds: form.scope === 'ALL' ? [] : read.ids('scopeIds', form.scopeIds),
  });

  let request: PromotionCreateBody;
  switch (form.type) {
    case 'FLASH_SALE':
      if (form.skus.length === 0) read.add('skus', '至少添加一个 SKU');
      request = {
        ...common,
        type: 'FLASH_SALE',
        skus: form.skus.map((row, i) => ({
          skuId: read.id(`skus.${i}.skuId`, row.skuId, '请填写 SKU 编号'),
          price: read.yuan(`skus.${i}.price`, row.price),
          quota: read.int(`skus.${i}.quota`, row.quota, 1, 1_000_000),
          perUserLimit: read.int(`skus.${i}.perUserLimit`, row.perUserLimit, 1, 100),
        })),
      };
      break;
    case 'FULL_REDUCTION':
      if (form.tiers.length === 0) read.add('tiers', '至少添加一档');
      request = {
        ...common,
        ...scoped(),
        type: 'FULL_REDUCTION',
        tiers: form.tiers.map((tier, i) => ({
          threshold: read.yuan(`tiers.${i}.threshold`, tier.threshold),
          amount: read.yuan(`tiers.${i}.amount`, tier.amount),
        })),
      };
      break;
    case 'FULL_GIFT':
      request = {
        ...common,
        ...scoped(),
        type: 'FULL_GIFT',
        threshold: read.yuan('threshold', form.giftThreshold),
        giftSkuId: read.id('giftSkuId', form.giftSkuId, '请填写赠品的 SKU 编号'),
        giftQuantity: read.int('giftQuantity', form.giftQuantity, 1, 99),
      };
      break;
    case 'BUNDLE':
      if (form.bundleItems.length < 2) read.add('items', '组合至少两件商品');
      request = {
        ...common,
        type: 'BUNDLE',
        items: form.bundleItems.map((item, i) => {
          const path = `items.${i}.${item.kind === 'SKU' ? 'skuId' : 'productId'}`;
          const id = read.id(path, item.id);
          const quantity = read.int(`items.${i}.quantity`, item.quantity, 1, 99);
          return item.kind === 'SKU' ? { skuId: id, quantity } : { productId: id, quantity };
        }),
        price: read.yuan('price', form.bundlePrice),
      };
      break;
    case 'BUY_X_GET_Y':
      request = {
        ...common,
        ...scoped(),
        type: 'BUY_X_GET_Y',
        buyQuantity: read.int('buyQuantity', form.buyQuantity, 1, 99),
        getQuantity: read.int('getQuantity', form.getQuantity, 1, 99),
        maxGiftsPerOrder: read.optionalInt('maxGiftsPerOrder', form.maxGiftsPerOrder, 1, 999),
      };
      break;
  }
  if (read.issues.length) return { ok: false, issues: read.issues };
  // Whatever else the contract refuses (a SKU listed twice, perUserLimit above the quota, …) on its path.
  const parsed = PromotionCreateRequest.safeParse(request);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  return { ok: true, request };
}

/** Every path the form of its type has a place for; other messages go to the nearest shown parent or the top. */
export function promotionShownPaths(form: PromotionForm): Set<string> {
  const paths = [
    'type',
    'title',
    'startsAt',
    'endsAt',
    'memberDayOnly',
    'stackWithCoupon',
    'earnsPoints',
    'earnsCommission',
  ];
  if (form.type !== 'FLASH_SALE' && form.type !== 'BUNDLE') paths.push('scope', 'scopeIds');
  if (form.type === 'FLASH_SALE') {
    paths.push('skus');
    form.skus.forEach((_, i) =>
      paths.push(`skus.${i}`, `skus.${i}.skuId`, `skus.${i}.price`, `skus.${i}.quota`, `skus.${i}.perUserLimit`),
    );
  }
  if (form.type === 'FULL_REDUCTION') {
    paths.push('tiers');
    form.tiers.forEach((_, i) => paths.push(`tiers.${i}`, `tiers.${i}.threshold`, `tiers.${i}.amount`));
  }
  if (form.type === 'FULL_GIFT') paths.push('threshold', 'giftSkuId', 'giftQuantity');
  if (form.type === 'BUNDLE') {
    paths.push('items', 'price');
    form.bundleItems.forEach((item, i) =>
      paths.push(`items.${i}`, `items.${i}.${item.kind === 'SKU' ? 'skuId' : 'productId'}`, `items.${i}.quantity`),
    );
  }
  if (form.type === 'BUY_X_GET_Y') paths.push('buyQuantity', 'getQuantity', 'maxGiftsPerOrder');
  return new Set(paths);
}

const yuan = (fen: Fen) => formatFen(fen).replace(/\.00$/, '');

/** What a promotion gives, in one line: `满¥100减¥20；满¥200减¥50`, `2 个 SKU`, `买2送1`, … */
export function promotionRuleText(p: Pick<PromotionView, 'type' | 'tiers' | 'skus' | 'gift' | 'bundle' | 'buyXGetY'>) {
  switch (p.type) {
    case 'FLASH_SALE':
      return p.skus.map((s) => `SKU ${s.skuId} 秒杀价 ${formatFen(s.price)}（${s.sold}/${s.quota}）`).join('；');
    case 'FULL_REDUCTION':
      return p.tiers.map((t) => `满${yuan(t.threshold)}减${yuan(t.amount)}`).join('；');
    case 'FULL_GIFT':
      return p.gift ? `满${yuan(p.gift.threshold)}赠 SKU ${p.gift.giftSkuId} ×${p.gift.giftQuantity}` : '';
    case 'BUNDLE':
      return p.bundle
        ? `${p.bundle.items
            .map((i) => `${i.skuId ? `SKU ${i.skuId}` : `商品 ${i.productId}`} ×${i.quantity}`)
            .join(' + ')} = ${formatFen(p.bundle.price)}`
        : '';
    case 'BUY_X_GET_Y':
      return p.buyXGetY
        ? `买${p.buyXGetY.buyQuantity}送${p.buyXGetY.getQuantity}${
            p.buyXGetY.maxGiftsPerOrder ? `，每单最多送 ${p.buyXGetY.maxGiftsPerOrder} 件` : ''
          }`
        : '';
  }
}

export type PromotionPhase = 'UPCOMING' | 'RUNNING' | 'ENDED' | 'DISABLED';

/** Where a promotion stands at `now`: stopped first, then before, inside or after [startsAt, endsAt). */
export function promotionPhase(p: Pick<PromotionView, 'status' | 'startsAt' | 'endsAt'>, now: number): PromotionPhase {
  if (p.status === 'DISABLED') return 'DISABLED';
  if (now < Date.parse(p.startsAt)) return 'UPCOMING';
  if (now >= Date.parse(p.endsAt)) return 'ENDED';
  return 'RUNNING';
}

const PHASE_TEXT: Record<PromotionPhase, string> = {
  UPCOMING: '未开始',
  RUNNING: '进行中',
  ENDED: '已结束',
  DISABLED: '已停用',
};

/** 未开始 / 进行中 / 已结束 / 已停用 at `now`. */
export function promotionPhaseText(p: Pick<PromotionView, 'status' | 'startsAt' | 'endsAt'>, now: number): string {
  return PHASE_TEXT[promotionPhase(p, now)];
}
