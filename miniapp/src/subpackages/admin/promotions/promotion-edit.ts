import type { FieldIssue, PromotionView } from '@weshop/shared';
import type { PromotionUpdateBody } from '../../../api/promotions';
import { formatLocalDateTime } from '../groupbuys/campaign-form';
import { fenToYuan } from '../components/console-form/form-input';
import { emptyPromotionForm, formToPromotion, promotionPhase, type PromotionForm } from './promotion-form';

/**
 * 编辑营销活动: the promotion back in the form it was made with, what the form lets the manager
 * change where the promotion stands, and the PATCH of what they changed. The server decides (see
 * PromotionUpdateRequest); the form only spares the manager a refusal by showing read-only what a
 * running promotion keeps.
 */

/**
 * ALL: not started, every field but the type; RUNNING: the title, the end and the flash-sale quotas;
 * null: ended or disabled, not editable.
 */
export type PromotionEditMode = 'ALL' | 'RUNNING' | null;

export function promotionEditMode(
  p: Pick<PromotionView, 'status' | 'startsAt' | 'endsAt'>,
  now: number,
): PromotionEditMode {
  const phase = promotionPhase(p, now);
  return phase === 'UPCOMING' ? 'ALL' : phase === 'RUNNING' ? 'RUNNING' : null;
}

/** Whether the field at `path` (a request path) can be changed in this mode. */
export function editableInMode(mode: PromotionEditMode | 'CREATE', path: string): boolean {
  if (mode === 'CREATE') return true;
  if (path === 'type' || mode === null) return false;
  if (mode === 'ALL') return true;
  return path === 'title' || path === 'endsAt' || /^skus\.\d+\.quota$/.test(path);
}

/** The promotion as its form: yuan, `YYYY-MM-DD HH:mm` (to the minute) and typed numbers. */
export function promotionToForm(p: PromotionView): PromotionForm {
  const blank = emptyPromotionForm(new Date(p.startsAt), p.type);
  return {
    ...blank,
    type: p.type,
    title: p.title,
    startsAt: formatLocalDateTime(new Date(p.startsAt)),
    endsAt: formatLocalDateTime(new Date(p.endsAt)),
    memberDayOnly: p.memberDayOnly,
    stackWithCoupon: p.stackWithCoupon,
    earnsPoints: p.earnsPoints,
    earnsCommission: p.earnsCommission,
    scope: p.scope,
    scopeIds: p.scopeIds.join(', '),
    skus: p.skus.length
      ? p.skus.map((s) => ({
          skuId: s.skuId,
          label: `SKU ${s.skuId} · 已售 ${s.sold}`,
          price: fenToYuan(s.price),
          quota: String(s.quota),
          perUserLimit: String(s.perUserLimit),
        }))
      : blank.skus,
    tiers: p.tiers.length
      ? p.tiers.map((t) => ({ threshold: fenToYuan(t.threshold), amount: fenToYuan(t.amount) }))
      : blank.tiers,
    giftThreshold: p.gift ? fenToYuan(p.gift.threshold) : '',
    giftSkuId: p.gift?.giftSkuId ?? '',
    giftQuantity: p.gift ? String(p.gift.giftQuantity) : blank.giftQuantity,
    bundleItems: p.bundle
      ? p.bundle.items.map((i) =>
          i.skuId
            ? { kind: 'SKU' as const, id: i.skuId, quantity: String(i.quantity) }
            : { kind: 'PRODUCT' as const, id: i.productId ?? '', quantity: String(i.quantity) },
        )
      : blank.bundleItems,
    bundlePrice: p.bundle ? fenToYuan(p.bundle.price) : '',
    buyQuantity: p.buyXGetY ? String(p.buyXGetY.buyQuantity) : blank.buyQuantity,
    getQuantity: p.buyXGetY ? String(p.buyXGetY.getQuantity) : blank.getQuantity,
    maxGiftsPerOrder: p.buyXGetY?.maxGiftsPerOrder ? String(p.buyXGetY.maxGiftsPerOrder) : '',
  };
}

export type PromotionPatchResult = { ok: true; patch: PromotionUpdateBody } | { ok: false; issues: FieldIssue[] };

/**
 * The edited form checked like a new one, sent as the fields that differ from the form it started
 * as (so a time shown to the minute and left alone is not sent back rounded); 'unchanged' when none.
 */
export function formToPromotionPatch(
  original: PromotionForm,
  edited: PromotionForm,
): PromotionPatchResult | 'unchanged' {
  const next = formToPromotion(edited);
  if (!next.ok) return next;
  const before = formToPromotion(original);
  const was: Record<string, unknown> = before.ok ? before.request : {};
  const changed = Object.entries(next.request).filter(
    ([key, value]) => key !== 'type' && JSON.stringify(value) !== JSON.stringify(was[key]),
  );
  return changed.length ? { ok: true, patch: Object.fromEntries(changed) as PromotionUpdateBody } : 'unchanged';
}
