import {
  PromotionCreateRequest,
  type FieldIssue,
  type FlashSaleSkuInput,
  type PromotionType,
  type PromotionUpdateRequest,
} from '@weshop/shared';
import type { PromotionWindow } from './promotion.policy';

/**
 * 编辑营销活动 as a pure rule: what a PATCH may change given where the promotion stands, the
 * promotion it leaves (checked exactly as a create request of its type) and what the flash-sale gate
 * must hear about it. No database here: the service reads the promotion, asks this, then writes.
 */

export type PromotionPhase = 'UPCOMING' | 'RUNNING' | 'ENDED' | 'DISABLED';

/** Where a promotion stands at `now`: disabled first, then before, inside or after [startsAt, endsAt). */
export function promotionPhase(p: PromotionWindow, now: Date): PromotionPhase {
  if (p.status === 'DISABLED') return 'DISABLED';
  const t = now.getTime();
  if (t < p.startsAt.getTime()) return 'UPCOMING';
  if (t >= p.endsAt.getTime()) return 'ENDED';
  return 'RUNNING';
}

/** A promotion as it stands: its settings as the create body of its type, its switch and its flash sales' sold units. */
export interface PromotionAsItStands {
  body: PromotionCreateRequest;
  status: PromotionWindow['status'];
  /** Units sold per flash-sale SKU id (absent = 0). */
  sold: ReadonlyMap<string, number>;
}

/**
 * What the flash-sale gate must do after the edit commits: a running sale's raised quota is added to
 * its counter (which already counts the units in flight, so it stays quota − sold − in flight); any
 * other change of a flash sale's SKUs drops the counter so it is seeded again from the database.
 */
export type GateAdjustment = { skuId: string; raiseBy: number } | { skuId: string; reseed: true };

export type PromotionEdit =
  | { ok: true; phase: 'UPCOMING' | 'RUNNING'; body: PromotionCreateRequest; gate: GateAdjustment[] }
  /** 409: ended or disabled promotions are history. */
  | { ok: false; refusal: 'NOT_EDITABLE'; phase: 'ENDED' | 'DISABLED' }
  /** 422: a promotion keeps its type (make a new one instead). */
  | { ok: false; refusal: 'TYPE_FIXED'; from: PromotionType; to: PromotionType }
  /** 400: the edited promotion is not a valid create request of its type. */
  | { ok: false; refusal: 'MALFORMED'; fields: FieldIssue[] }
  /** 409: a running promotion's field that may not change while it runs. */
  | { ok: false; refusal: 'LOCKED'; fields: FieldIssue[] }
  /** 422: valid in itself, but not now (an end in the past, a quota below what was sold). */
  | { ok: false; refusal: 'INVALID'; fields: FieldIssue[] };

/** What a running promotion may change (a flash sale's `skus` only by raising quotas, see runningSkuIssues). */
const CHANGEABLE_WHILE_RUNNING = new Set(['title', 'endsAt', 'skus']);

/**
 * Lays `patch` over the promotion and says whether the edit may happen at `now`:
 * - ended or disabled: NOT_EDITABLE; another `type`: TYPE_FIXED;
 * - the result must pass the create request's validation (MALFORMED, with its paths);
 * - running: only the title, the end and raised flash-sale quotas (LOCKED, with the paths);
 * - always: the end still in the future and no quota below what its SKU already sold (INVALID).
 * A field sent with the value it has is not a change (a console may send its whole form).
 */
export function planPromotionEdit(
  current: PromotionAsItStands,
  patch: PromotionUpdateRequest,
  now: Date,
): PromotionEdit {
  const was = current.body;
  const phase = promotionPhase(
    { status: current.status, startsAt: new Date(was.startsAt), endsAt: new Date(was.endsAt) },
    now,
  );
  if (phase === 'ENDED' || phase === 'DISABLED') return { ok: false, refusal: 'NOT_EDITABLE', phase };
  if (patch.type !== undefined && patch.type !== was.type)
    return { ok: false, refusal: 'TYPE_FIXED', from: was.type, to: patch.type };

  const changes = Object.fromEntries(
    Object.entries(patch).filter(([key, value]) => key !== 'type' && value !== undefined),
  ) as Record<string, unknown>;
  const parsed = PromotionCreateRequest.safeParse({ ...was, ...changes, type: was.type });
  if (!parsed.success)
    return {
      ok: false,
      refusal: 'MALFORMED',
      fields: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message })),
    };
  const body = parsed.data;
  const wasSkus = was.type === 'FLASH_SALE' ? was.skus : [];
  const skus = body.type === 'FLASH_SALE' ? body.skus : [];

  if (phase === 'RUNNING') {
    const locked: FieldIssue[] = Object.keys(changes)
      .filter((key) => !CHANGEABLE_WHILE_RUNNING.has(key) && !sameValue(key, changes[key], (was as never)[key]))
      .map((path) => ({ path, message: 'cannot change while the promotion runs' }));
    if ('skus' in changes) locked.push(...runningSkuIssues(wasSkus, skus));
    if (locked.length) return { ok: false, refusal: 'LOCKED', fields: locked };
  }

  const invalid: FieldIssue[] = [];
  if (Date.parse(body.endsAt) <= now.getTime()) invalid.push({ path: 'endsAt', message: 'must be in the future' });
  skus.forEach((sku, i) => {
    const sold = current.sold.get(sku.skuId) ?? 0;
    if (sku.quota < sold)
      invalid.push({ path: `skus.${i}.quota`, message: `must be at least the ${sold} already sold` });
  });
  const kept = new Set(skus.map((s) => s.skuId));
  for (const gone of wasSkus.filter((s) => !kept.has(s.skuId) && (current.sold.get(s.skuId) ?? 0) > 0))
    invalid.push({ path: 'skus', message: `SKU ${gone.skuId} has sold units in this sale and stays in it` });
  if (invalid.length) return { ok: false, refusal: 'INVALID', fields: invalid };

  return { ok: true, phase, body, gate: gateAdjustments(phase, wasSkus, skus) };
}

/**
 * A running flash sale's SKUs as sent: the same SKUs (any order) at the same prices and limits, each
 * quota the same or higher. Lowering a quota mid-sale would take back what buyers were shown.
 */
export function runningSkuIssues(was: readonly FlashSaleSkuInput[], sent: readonly FlashSaleSkuInput[]): FieldIssue[] {
  const before = new Map(was.map((s) => [s.skuId, s]));
  const issues: FieldIssue[] = [];
  const sentIds = new Set(sent.map((s) => s.skuId));
  if (sent.length !== was.length || was.some((s) => !sentIds.has(s.skuId)))
    issues.push({ path: 'skus', message: 'SKUs cannot be added or removed while the sale runs' });
  sent.forEach((sku, i) => {
    const old = before.get(sku.skuId);
    if (!old) return;
    if (sku.price !== old.price) issues.push({ path: `skus.${i}.price`, message: 'cannot change while the sale runs' });
    if (sku.perUserLimit !== old.perUserLimit)
      issues.push({ path: `skus.${i}.perUserLimit`, message: 'cannot change while the sale runs' });
    if (sku.quota < old.quota)
      issues.push({ path: `skus.${i}.quota`, message: `can only be raised while the sale runs (now ${old.quota})` });
  });
  return issues;
}

/** Running: each raised quota's difference; not started: every SKU before or after is seeded afresh. */
export function gateAdjustments(
  phase: 'UPCOMING' | 'RUNNING',
  was: readonly FlashSaleSkuInput[],
  now: readonly FlashSaleSkuInput[],
): GateAdjustment[] {
  if (phase === 'UPCOMING') {
    const ids = [...new Set([...was, ...now].map((s) => s.skuId))];
    return ids.map((skuId) => ({ skuId, reseed: true }));
  }
  const before = new Map(was.map((s) => [s.skuId, s.quota]));
  return now.flatMap((s) => {
    const by = s.quota - (before.get(s.skuId) ?? s.quota);
    return by > 0 ? [{ skuId: s.skuId, raiseBy: by }] : [];
  });
}

/** Times are compared as instants (`+08:00` and `Z` name the same moment); the rest by value. */
function sameValue(key: string, a: unknown, b: unknown): boolean {
  if ((key === 'startsAt' || key === 'endsAt') && typeof a === 'string' && typeof b === 'string')
    return Date.parse(a) === Date.parse(b);
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}
