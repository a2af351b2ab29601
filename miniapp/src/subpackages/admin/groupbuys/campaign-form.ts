import { z } from 'zod';
import { CampaignCreateRequest, FieldIssue, yuanInputToFen, type AdminProductView, type Fen } from '@weshop/shared';
import type { CampaignCreateBody } from '../../../api/admin-groupbuy';
import { ApiError } from '../../../api/client';
import { percentInputToBp } from '../../../utils/distribution';

/**
 * 新建拼团活动 as the manager fills it in: amounts in yuan, times as `YYYY-MM-DD HH:mm` (the device's
 * time zone), numbers as typed text, turned into the contract's CampaignCreateRequest (fen, ISO-8601,
 * basis points). The form checks that each input is well-formed; the business rules (group price
 * below the price, the window, …) are the server's, and its messages are shown next to their fields.
 */

export interface SkuRowForm {
  skuId: string;
  specs: Record<string, string>;
  price: Fen;
  stock: number;
  /** Part of the campaign. */
  included: boolean;
  /** Yuan. */
  groupPrice: string;
  /** Yuan; empty = no 团长价. */
  leaderPrice: string;
}

export interface CampaignForm {
  title: string;
  productId: string;
  /** The loaded product's title (null until 读取商品). */
  productTitle: string | null;
  skus: SkuRowForm[];
  groupSize: number;
  /** Minutes. */
  durationMinutes: string;
  /** `YYYY-MM-DD HH:mm`. */
  startsAt: string;
  endsAt: string;
  quota: string;
  perOrderLimit: string;
  perUserLimit: string;
  newCustomersOnly: boolean;
  autoComplete: boolean;
  /** Percent of the seats that must be paid for 模拟成团. */
  autoCompleteMinPaid: string;
  /** null = the shop's default for activity goods. */
  earnsCommission: boolean | null;
}

export const GROUP_SIZES = [2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const DURATION_PRESETS = [
  { minutes: 30, label: '30分钟' },
  { minutes: 60, label: '1小时' },
  { minutes: 1_440, label: '24小时' },
  { minutes: 2_880, label: '48小时' },
] as const;

const p2 = (n: number) => String(n).padStart(2, '0');

/** A date as the form shows it, in the device's time zone: `2026-11-24 09:05`. */
export function formatLocalDateTime(date: Date): string {
  return `${date.getFullYear()}-${p2(date.getMonth() + 1)}-${p2(date.getDate())} ${p2(date.getHours())}:${p2(date.getMinutes())}`;
}

/** `YYYY-MM-DD HH:mm` (device time zone) as ISO-8601, or null when it is not a real date and time. */
export function parseLocalDateTime(input: string): string | null {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})\s*$/.exec(input);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const date = new Date(year, month - 1, day, hour, minute);
  // new Date rolls 2026-02-30 over into March: such an input is refused, not moved.
  if (
    date.getFullYear() !== year ||
    date.getMonth() !== month - 1 ||
    date.getDate() !== day ||
    date.getHours() !== hour ||
    date.getMinutes() !== minute
  ) {
    return null;
  }
  return date.toISOString();
}

/** A blank form: starting now (to the minute), for 7 days, groups of 2 with 24 hours to fill. */
export function emptyCampaignForm(now: Date): CampaignForm {
  const start = new Date(now.getTime());
  start.setSeconds(0, 0);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  return {
    title: '',
    productId: '',
    productTitle: null,
    skus: [],
    groupSize: 2,
    durationMinutes: '1440',
    startsAt: formatLocalDateTime(start),
    endsAt: formatLocalDateTime(end),
    quota: '100',
    perOrderLimit: '1',
    perUserLimit: '1',
    newCustomersOnly: false,
    autoComplete: false,
    autoCompleteMinPaid: '0',
    earnsCommission: null,
  };
}

/** The product's SKUs as rows of the form: those in stock are included, prices still to fill in. */
export function skuRowsOf(product: Pick<AdminProductView, 'skus'>): SkuRowForm[] {
  return product.skus.map((sku) => ({
    skuId: sku.id,
    specs: sku.specs,
    price: sku.price,
    stock: sku.stock,
    included: sku.stock > 0,
    groupPrice: '',
    leaderPrice: '',
  }));
}

/**
 * Each included row's position in the request's `skus` (the server names its issues by it, e.g.
 * `skus.0.groupPrice`): skuId → index.
 */
export function requestIndexes(form: Pick<CampaignForm, 'skus'>): Map<string, number> {
  const indexes = new Map<string, number>();
  for (const row of form.skus) if (row.included) indexes.set(row.skuId, indexes.size);
  return indexes;
}

export type CampaignFormResult = { ok: true; request: CampaignCreateBody } | { ok: false; issues: FieldIssue[] };

/** The form as the contract's request, or the inputs that are not well-formed (by their request path). */
export function formToCampaign(form: CampaignForm): CampaignFormResult {
  const issues: FieldIssue[] = [];
  const integer = (path: string, value: string, min: number, max: number, message: string): number => {
    const trimmed = value.trim();
    const n = /^\d{1,7}$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!(n >= min && n <= max)) issues.push({ path, message });
    return Number.isNaN(n) ? 0 : n;
  };
  const yuan = (path: string, value: string): Fen => {
    const fen = yuanInputToFen(value);
    if (fen === null || fen < 1) issues.push({ path, message: '请输入大于 0 的金额（最多两位小数）' });
    return fen ?? 0;
  };
  const time = (path: string, value: string): string => {
    const iso = parseLocalDateTime(value);
    if (!iso) issues.push({ path, message: '请按 2026-11-24 10:00 的格式填写' });
    return iso ?? '';
  };

  const title = form.title.trim();
  if (!title) issues.push({ path: 'title', message: '请填写活动名称' });
  else if (Array.from(title).length > 64) issues.push({ path: 'title', message: '活动名称最多 64 个字' });

  const productId = form.productId.trim();
  if (!/^\d{1,10}$/.test(productId)) issues.push({ path: 'productId', message: '请填写商品编号' });
  else if (form.productTitle === null || form.skus.length === 0)
    issues.push({ path: 'productId', message: '请先读取商品的规格' });

  const included = form.skus.filter((row) => row.included);
  if (form.skus.length > 0 && included.length === 0) issues.push({ path: 'skus', message: '至少选择一个规格参加拼团' });
  const skus = included.map((row, i) => ({
    skuId: row.skuId,
    groupPrice: yuan(`skus.${i}.groupPrice`, row.groupPrice),
    leaderPrice: row.leaderPrice.trim() === '' ? null : yuan(`skus.${i}.leaderPrice`, row.leaderPrice),
  }));

  const startsAt = time('startsAt', form.startsAt);
  const endsAt = time('endsAt', form.endsAt);
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) {
    issues.push({ path: 'endsAt', message: '结束时间需晚于开始时间' });
  }

  const minPaidBp = percentInputToBp(form.autoCompleteMinPaid);
  if (form.autoComplete && minPaidBp === null) {
    issues.push({ path: 'autoCompleteMinPaidBp', message: '请输入 0-100 的百分比（最多两位小数）' });
  }

  const request: CampaignCreateBody = {
    title,
    productId,
    skus,
    groupSize: form.groupSize,
    durationMinutes: integer(
      'durationMinutes',
      form.durationMinutes,
      5,
      7 * 24 * 60,
      '成团时限为 5 分钟到 7 天（10080 分钟）',
    ),
    startsAt,
    endsAt,
    quota: integer('quota', form.quota, 1, 1_000_000, '请输入 1-1000000 的件数'),
    perOrderLimit: integer('perOrderLimit', form.perOrderLimit, 1, 999, '请输入 1-999 的件数'),
    perUserLimit: integer('perUserLimit', form.perUserLimit, 1, 999, '请输入 1-999 的件数'),
    newCustomersOnly: form.newCustomersOnly,
    autoComplete: form.autoComplete,
    autoCompleteMinPaidBp: form.autoComplete ? (minPaidBp ?? 0) : 0,
    earnsCommission: form.earnsCommission,
  };
  if (issues.length) return { ok: false, issues };
  // Anything else the contract refuses (should not happen after the checks above) goes on its path.
  const parsed = CampaignCreateRequest.safeParse(request);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  return { ok: true, request };
}

const Issues = z.array(FieldIssue);

/**
 * The issues of a refused create: 400 VALIDATION_FAILED lists `details.fields`, a business refusal
 * (e.g. 422 GROUP_BUY_CAMPAIGN_INVALID) may list `details.fields` or `details.violations`; anything
 * else is one message for the top of the form.
 */
export function campaignIssuesOf(error: unknown): FieldIssue[] {
  if (error instanceof ApiError) {
    for (const listed of [error.details.fields, error.details.violations]) {
      const parsed = Issues.safeParse(listed);
      if (parsed.success && parsed.data.length > 0) return parsed.data;
    }
    return [{ path: '', message: error.message || '创建失败，请稍后再试' }];
  }
  return [{ path: '', message: '创建失败，请稍后再试' }];
}

/** Every path the form has a place for (the SKU rows by their request index). */
export function campaignShownPaths(form: CampaignForm): Set<string> {
  const paths = [
    'title',
    'productId',
    'skus',
    'groupSize',
    'durationMinutes',
    'startsAt',
    'endsAt',
    'quota',
    'perOrderLimit',
    'perUserLimit',
    'newCustomersOnly',
    'autoComplete',
    'autoCompleteMinPaidBp',
    'earnsCommission',
  ];
  for (const i of requestIndexes(form).values()) paths.push(`skus.${i}.groupPrice`, `skus.${i}.leaderPrice`);
  return new Set(paths);
}
