import { z } from 'zod';
import { MemberDaySettings, type FieldIssue } from '@weshop/shared';
import type { MemberDayBody } from '../../../api/admin-marketing';
import {
  bpToMultiplierInput,
  consoleIssuesOf,
  fenToYuan,
  InputReader,
  schemaIssues,
} from '../components/console-form/form-input';

/**
 * The 会员日 schedule as the manager edits it: weekly days (周一 … 周日) or month days (1 … 31; a day
 * the month lacks falls on its last day), the levels entitled (none chosen = every level with
 * member-day access), the points multiplier (×) and member-day prices per SKU (yuan), into the
 * contract's MemberDaySettings.
 */

export type MemberDayKind = MemberDaySettings['kind'];

export interface MemberDayPriceRow {
  skuId: string;
  /** Yuan. */
  price: string;
}

export interface MemberDayForm {
  enabled: boolean;
  kind: MemberDayKind;
  days: number[];
  levelIds: string[];
  /** ×. */
  multiplier: string;
  prices: MemberDayPriceRow[];
}

export const WEEKDAY_TEXT = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;
export const MAX_PRICES = 500;

/** The days a kind offers: 1..7 (周一 … 周日) or 1..31. */
export function dayOptions(kind: MemberDayKind): { key: number; label: string }[] {
  return kind === 'WEEKLY'
    ? WEEKDAY_TEXT.map((label, i) => ({ key: i + 1, label }))
    : Array.from({ length: 31 }, (_, i) => ({ key: i + 1, label: `${i + 1}日` }));
}

export function memberDayFormOf(s: MemberDaySettings): MemberDayForm {
  return {
    enabled: s.enabled,
    kind: s.kind,
    days: [...s.days].sort((a, b) => a - b),
    levelIds: [...s.levelIds],
    multiplier: bpToMultiplierInput(s.pointsMultiplierBp),
    prices: s.prices.map((p) => ({ skuId: p.skuId, price: fenToYuan(p.price) })),
  };
}

/** Taps a day on or off (kept in order). */
export function toggleDay(days: readonly number[], day: number): number[] {
  return days.includes(day) ? days.filter((d) => d !== day) : [...days, day].sort((a, b) => a - b);
}

/** Taps a level on or off. */
export function toggleLevel(ids: readonly string[], id: string): string[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}

/** Switching weekly ↔ monthly keeps only the days the new kind has. */
export function withKind(form: MemberDayForm, kind: MemberDayKind): MemberDayForm {
  const max = kind === 'WEEKLY' ? 7 : 31;
  return { ...form, kind, days: form.days.filter((d) => d <= max) };
}

export type MemberDayFormResult = { ok: true; request: MemberDayBody } | { ok: false; issues: FieldIssue[] };

export function formToMemberDay(form: MemberDayForm): MemberDayFormResult {
  const read = new InputReader();
  if (form.enabled && form.days.length === 0) read.add('days', '开启会员日需至少选择一天');
  const request: MemberDayBody = {
    enabled: form.enabled,
    kind: form.kind,
    days: form.days,
    levelIds: form.levelIds,
    pointsMultiplierBp: read.multiplier('pointsMultiplierBp', form.multiplier),
    prices: form.prices.map((row, i) => ({
      skuId: read.id(`prices.${i}.skuId`, row.skuId, '请填写 SKU 编号'),
      price: read.yuan(`prices.${i}.price`, row.price),
    })),
  };
  if (read.issues.length) return { ok: false, issues: read.issues };
  const parsed = MemberDaySettings.safeParse(request);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  return { ok: true, request };
}

export function memberDayShownPaths(form: Pick<MemberDayForm, 'prices'>): Set<string> {
  const paths = ['enabled', 'kind', 'days', 'levelIds', 'pointsMultiplierBp', 'prices'];
  form.prices.forEach((_, i) => paths.push(`prices.${i}`, `prices.${i}.skuId`, `prices.${i}.price`));
  return new Set(paths);
}

const SkuRefusal = z.object({ id: z.string(), reason: z.enum(['NOT_FOUND', 'ABOVE_PRICE', 'LEVEL_NOT_FOUND']) });

/**
 * A refused save: field issues as listed; MEMBER_DAY_SKU_INVALID (one SKU or level named in
 * `details`) goes on that price row's SKU or price, or on the levels.
 */
export function memberDayIssuesOf(error: unknown, form: Pick<MemberDayForm, 'prices'>): FieldIssue[] {
  return consoleIssuesOf(error, '保存失败，请稍后再试', (e) => {
    if (e.code !== 'MEMBER_DAY_SKU_INVALID') return null;
    const parsed = SkuRefusal.safeParse(e.details);
    if (!parsed.success) return null;
    const { id, reason } = parsed.data;
    if (reason === 'LEVEL_NOT_FOUND') return [{ path: 'levelIds', message: `等级 ${id} 不存在` }];
    const row = form.prices.findIndex((p) => p.skuId.trim() === id);
    if (row < 0) return [{ path: 'prices', message: e.message }];
    return reason === 'NOT_FOUND'
      ? [{ path: `prices.${row}.skuId`, message: `SKU ${id} 不存在` }]
      : [{ path: `prices.${row}.price`, message: '会员日价需低于 SKU 售价' }];
  });
}
