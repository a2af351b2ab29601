import {
  PointsMallItemCreateRequest,
  PointsMallItemUpdateRequest,
  type FieldIssue,
  type PointsMallItemAdminView,
  type PointsMallKind,
} from '@weshop/shared';
import type { PointsMallItemBody } from '../../../api/points-mall';
import { InputReader, fenToYuan, schemaIssues } from '../components/console-form/form-input';

/**
 * 积分商城 items as the manager fills them in (points, 加价 in yuan, typed numbers), turned into the
 * contract's create / update requests by the paths the server names. What needs the database (the SKU
 * exists and is exchangeable, the template is of channel POINTS_MALL) is the server's; its messages
 * show on their fields.
 */

export const POINTS_MALL_KIND_TEXT: Record<PointsMallKind, string> = { GIFT: '实物礼品', COUPON: '优惠券' };

export interface PointsMallForm {
  kind: PointsMallKind;
  title: string;
  skuId: string;
  couponTemplateId: string;
  points: string;
  /** Yuan on top of the points; empty = points only. */
  cash: string;
  stock: string;
  perUserLimit: string;
  active: boolean;
}

export function emptyPointsMallForm(): PointsMallForm {
  return {
    kind: 'GIFT',
    title: '',
    skuId: '',
    couponTemplateId: '',
    points: '',
    cash: '',
    stock: '',
    perUserLimit: '1',
    active: true,
  };
}

export type PointsMallFormResult<T> = { ok: true; request: T } | { ok: false; issues: FieldIssue[] };

function readTerms(read: InputReader, form: PointsMallForm) {
  return {
    title: read.text('title', form.title, 64, '名称'),
    points: read.int('points', form.points, 1, 10_000_000, '所需积分至少为 1'),
    cash: form.kind === 'COUPON' || form.cash.trim() === '' ? 0 : read.yuan('cash', form.cash, 0),
    stock: read.int('stock', form.stock, 0, 10_000_000, '库存为 0 或正整数'),
    perUserLimit: read.int('perUserLimit', form.perUserLimit, 1, 1_000, '每人限兑 1-1000 件'),
    active: form.active,
  };
}

/** 新建: a gift names its SKU, a coupon its template; a coupon is for points only. */
export function formToPointsMallItem(form: PointsMallForm): PointsMallFormResult<PointsMallItemBody> {
  const read = new InputReader();
  const terms = readTerms(read, form);
  const body: PointsMallItemBody =
    form.kind === 'GIFT'
      ? { kind: 'GIFT', skuId: read.id('skuId', form.skuId, '请填写礼品的 SKU 编号'), ...terms }
      : {
          kind: 'COUPON',
          couponTemplateId: read.id('couponTemplateId', form.couponTemplateId, '请填写积分商城渠道的优惠券模板编号'),
          ...terms,
        };
  if (read.issues.length) return { ok: false, issues: read.issues };
  const checked = PointsMallItemCreateRequest.safeParse(body);
  return checked.success ? { ok: true, request: body } : { ok: false, issues: schemaIssues(checked.error) };
}

export function pointsMallFormOf(item: PointsMallItemAdminView): PointsMallForm {
  return {
    kind: item.kind,
    title: item.title,
    skuId: item.skuId ?? '',
    couponTemplateId: item.couponTemplateId ?? '',
    points: String(item.points),
    cash: item.cash > 0 ? fenToYuan(item.cash) : '',
    stock: String(item.stock),
    perUserLimit: String(item.perUserLimit),
    active: item.active,
  };
}

/** 编辑: only what changed (the kind and what the item gives stay). */
export function pointsMallPatchOf(
  item: PointsMallItemAdminView,
  form: PointsMallForm,
): PointsMallFormResult<PointsMallItemUpdateRequest> | { ok: 'unchanged' } {
  const read = new InputReader();
  const terms = readTerms(read, { ...form, kind: item.kind });
  if (read.issues.length) return { ok: false, issues: read.issues };
  const patch: Record<string, unknown> = {};
  for (const key of ['title', 'points', 'cash', 'stock', 'perUserLimit', 'active'] as const)
    if (terms[key] !== item[key]) patch[key] = terms[key];
  if (Object.keys(patch).length === 0) return { ok: 'unchanged' };
  const checked = PointsMallItemUpdateRequest.safeParse(patch);
  return checked.success ? { ok: true, request: checked.data } : { ok: false, issues: schemaIssues(checked.error) };
}

/** The fields the form shows for this kind (a message for another path goes on top). */
export function pointsMallShownPaths(form: Pick<PointsMallForm, 'kind'>, editing = false): ReadonlySet<string> {
  const paths = ['title', 'points', 'stock', 'perUserLimit', 'active'];
  if (form.kind === 'GIFT') paths.push('cash');
  if (!editing) paths.push('kind', form.kind === 'GIFT' ? 'skuId' : 'couponTemplateId');
  return new Set(paths);
}
