import {
  CouponTemplateCreateRequest,
  type CouponChannel,
  type CouponKind,
  type CouponScope,
  type CouponTemplateAdminView,
  type CouponTemplateUpdateRequest,
  type FieldIssue,
} from '@weshop/shared';
import type { CouponTemplateCreateBody } from '../../../api/admin-marketing';
import { formatLocalDateTime } from '../groupbuys/campaign-form';
import { InputReader, schemaIssues } from '../components/console-form/form-input';

/**
 * 新建优惠券 and 编辑 as the manager fills them in (yuan, 折, `YYYY-MM-DD HH:mm`, typed numbers), turned
 * into the contract's CouponTemplateCreateRequest / CouponTemplateUpdateRequest. The rules (a 满减券
 * worth no more than its threshold, a 折扣券 with a cap, …) are the server's; its messages show on
 * their fields.
 */

export const COUPON_KIND_TEXT: Record<CouponKind, string> = {
  AMOUNT_OFF: '满减券',
  PERCENT_OFF: '折扣券',
  NO_THRESHOLD: '无门槛券',
};

export const COUPON_CHANNEL_TEXT: Record<CouponChannel, string> = {
  CENTER: '领券中心',
  NEW_CUSTOMER: '新人礼',
  MEMBER_DAY: '会员日专享',
  REPURCHASE: '复购券',
  POINTS_MALL: '积分商城',
  COMMUNITY: '社群发券',
};

export const COUPON_SCOPE_TEXT: Record<CouponScope, string> = {
  ALL: '全部商品',
  CATEGORIES: '指定分类',
  PRODUCTS: '指定商品',
};

export interface CouponForm {
  name: string;
  kind: CouponKind;
  /** Yuan; 满减券 and (optional) 折扣券. */
  threshold: string;
  /** Yuan; 满减券 and 无门槛券. */
  amount: string;
  /** 折 (8.5 = 8.5折); 折扣券. */
  zhe: string;
  /** Yuan, 最高抵扣; 折扣券. */
  cap: string;
  scope: CouponScope;
  scopeIds: string;
  validity: 'FIXED' | 'DAYS';
  validFrom: string;
  validTo: string;
  validDays: string;
  totalQuantity: string;
  perUserLimit: string;
  stackWithPromotions: boolean;
  channel: CouponChannel;
  communityId: string;
}

/** A blank 满减券 for the claim centre, valid 30 days after claiming (a fixed window would be the next 30 days). */
export function emptyCouponForm(now: Date): CouponForm {
  const start = new Date(now.getTime());
  start.setSeconds(0, 0);
  return {
    name: '',
    kind: 'AMOUNT_OFF',
    threshold: '',
    amount: '',
    zhe: '',
    cap: '',
    scope: 'ALL',
    scopeIds: '',
    validity: 'DAYS',
    validFrom: formatLocalDateTime(start),
    validTo: formatLocalDateTime(new Date(start.getTime() + 30 * 86_400_000)),
    validDays: '30',
    totalQuantity: '100',
    perUserLimit: '1',
    stackWithPromotions: true,
    channel: 'CENTER',
    communityId: '',
  };
}

export type CouponFormResult = { ok: true; request: CouponTemplateCreateBody } | { ok: false; issues: FieldIssue[] };

/** The form as the create request, or the inputs that are not well-formed (by request path). */
export function formToCouponTemplate(form: CouponForm): CouponFormResult {
  const read = new InputReader();
  const name = read.text('name', form.name, 32, '券名称');
  const value = {
    AMOUNT_OFF: () => ({
      threshold: read.yuan('threshold', form.threshold, 0),
      amount: read.yuan('amount', form.amount),
      percentBp: null,
      cap: null,
    }),
    PERCENT_OFF: () => ({
      threshold: form.threshold.trim() === '' ? 0 : read.yuan('threshold', form.threshold, 0),
      amount: 0,
      percentBp: read.zhe('percentBp', form.zhe),
      cap: read.yuan('cap', form.cap),
    }),
    NO_THRESHOLD: () => ({ threshold: 0, amount: read.yuan('amount', form.amount), percentBp: null, cap: null }),
  }[form.kind]();
  const validity =
    form.validity === 'FIXED'
      ? {
          validity: 'FIXED' as const,
          validFrom: read.time('validFrom', form.validFrom),
          validTo: read.time('validTo', form.validTo),
          validDays: null,
        }
      : {
          validity: 'DAYS' as const,
          validFrom: null,
          validTo: null,
          validDays: read.int('validDays', form.validDays, 1, 3650, '请输入 1-3650 天'),
        };
  const request: CouponTemplateCreateBody = {
    name,
    kind: form.kind,
    ...value,
    scope: form.scope,
    scopeIds: form.scope === 'ALL' ? [] : read.ids('scopeIds', form.scopeIds),
    ...validity,
    totalQuantity: read.int('totalQuantity', form.totalQuantity, 1, 10_000_000, '请输入 1-10000000 张'),
    perUserLimit: read.int('perUserLimit', form.perUserLimit, 1, 100, '请输入 1-100 张'),
    stackWithPromotions: form.stackWithPromotions,
    channel: form.channel,
    communityId: form.channel === 'COMMUNITY' ? read.id('communityId', form.communityId, '请填写社群编号') : null,
  };
  if (read.issues.length) return { ok: false, issues: read.issues };
  const parsed = CouponTemplateCreateRequest.safeParse(request);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  return { ok: true, request };
}

/** Every path the create form has a place for. */
export function couponShownPaths(form: CouponForm): Set<string> {
  const paths = [
    'name',
    'kind',
    'scope',
    'validity',
    'totalQuantity',
    'perUserLimit',
    'stackWithPromotions',
    'channel',
  ];
  if (form.kind !== 'NO_THRESHOLD') paths.push('threshold');
  if (form.kind !== 'PERCENT_OFF') paths.push('amount');
  else paths.push('percentBp', 'cap');
  if (form.scope !== 'ALL') paths.push('scopeIds');
  if (form.validity === 'FIXED') paths.push('validFrom', 'validTo');
  else paths.push('validDays');
  if (form.channel === 'COMMUNITY') paths.push('communityId');
  return new Set(paths);
}

/** 编辑: what PATCH may change. */
export interface CouponEditForm {
  name: string;
  totalQuantity: string;
  perUserLimit: string;
}

export function couponEditFormOf(t: Pick<CouponTemplateAdminView, 'name' | 'totalQuantity' | 'perUserLimit'>) {
  return { name: t.name, totalQuantity: String(t.totalQuantity), perUserLimit: String(t.perUserLimit) };
}

export type CouponPatchResult = { ok: true; body: CouponTemplateUpdateRequest } | { ok: false; issues: FieldIssue[] };

/** The fields that changed, as the PATCH body; nothing changed is an issue at the top. */
export function couponPatchOf(
  template: Pick<CouponTemplateAdminView, 'name' | 'totalQuantity' | 'perUserLimit'>,
  form: CouponEditForm,
): CouponPatchResult {
  const read = new InputReader();
  const name = read.text('name', form.name, 32, '券名称');
  const totalQuantity = read.int('totalQuantity', form.totalQuantity, 1, 10_000_000, '请输入 1-10000000 张');
  const perUserLimit = read.int('perUserLimit', form.perUserLimit, 1, 100, '请输入 1-100 张');
  if (read.issues.length) return { ok: false, issues: read.issues };
  const body: CouponTemplateUpdateRequest = {
    ...(name !== template.name ? { name } : {}),
    ...(totalQuantity !== template.totalQuantity ? { totalQuantity } : {}),
    ...(perUserLimit !== template.perUserLimit ? { perUserLimit } : {}),
  };
  if (Object.keys(body).length === 0) return { ok: false, issues: [{ path: '', message: '没有修改' }] };
  return { ok: true, body };
}

/** 有效期 of a template: `2026-11-24 至 2026-12-24` or `领取后 30 天内有效`. */
export function couponValidityText(
  t: Pick<CouponTemplateAdminView, 'validity' | 'validFrom' | 'validTo' | 'validDays'>,
  format: (iso: string) => string,
): string {
  if (t.validity === 'DAYS') return `领取后 ${t.validDays ?? 0} 天内有效`;
  return `${t.validFrom ? format(t.validFrom) : '—'} 至 ${t.validTo ? format(t.validTo) : '—'}`;
}
