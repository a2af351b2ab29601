import { z } from 'zod';
import { DistributionSettings, FieldIssue, yuanInputToFen, type DistributionTier } from '@weshop/shared';
import { ApiError } from '../../../api/client';
import { bpToPercentInput, fenToYuanInput, percentInputToBp } from '../../../utils/distribution';

/**
 * 分销设置 as the manager edits it: numbers as typed text (percentages, yuan, days), turned back
 * into the contract's DistributionSettings (basis points, fen). The form only checks that each
 * input is a number; the compliance rules (levels, L1 + L2 ≤ 100%, …) are the server's, and its
 * messages are shown next to their fields (`path` as the server names it, e.g. `tiers.0.l1RateBp`).
 */

export interface TierForm {
  id?: string;
  name: string;
  /** Yuan. */
  minSales: string;
  /** Percent; empty = the shop's default rate. */
  l1: string;
  l2: string;
}

export interface SettingsForm {
  enabled: boolean;
  levels: number;
  /** Percent. */
  l1: string;
  l2: string;
  selfPurchaseCommission: boolean;
  activityGoodsEarn: boolean;
  autoApprove: boolean;
  /** Yuan; 0 = no condition. */
  minSpend: string;
  bindingMode: DistributionSettings['binding']['mode'];
  /** Days; 0 = permanent. */
  protectionDays: string;
  newUsersOnly: boolean;
  /** Yuan. */
  minAmount: string;
  dailyCap: string;
  reviewRequired: boolean;
  tiers: TierForm[];
}

export const MAX_TIERS = 10;

export function settingsToForm(s: DistributionSettings): SettingsForm {
  return {
    enabled: s.enabled,
    levels: s.levels,
    l1: bpToPercentInput(s.l1RateBp),
    l2: bpToPercentInput(s.l2RateBp),
    selfPurchaseCommission: s.selfPurchaseCommission,
    activityGoodsEarn: s.activityGoodsEarn,
    autoApprove: s.application.autoApprove,
    minSpend: fenToYuanInput(s.application.minSpend),
    bindingMode: s.binding.mode,
    protectionDays: String(s.binding.protectionDays),
    newUsersOnly: s.binding.newUsersOnly,
    minAmount: fenToYuanInput(s.withdrawal.minAmount),
    dailyCap: fenToYuanInput(s.withdrawal.dailyCap),
    reviewRequired: s.withdrawal.reviewRequired,
    tiers: s.tiers.map((t) => ({
      ...(t.id ? { id: t.id } : {}),
      name: t.name,
      minSales: fenToYuanInput(t.minSales),
      l1: bpToPercentInput(t.l1RateBp),
      l2: bpToPercentInput(t.l2RateBp),
    })),
  };
}

export function emptyTier(): TierForm {
  return { name: '', minSales: '', l1: '', l2: '' };
}

export type FormResult = { ok: true; settings: DistributionSettings } | { ok: false; issues: FieldIssue[] };

/** The form as the contract's settings, or the inputs that are not numbers (by their server path). */
export function formToSettings(form: SettingsForm): FormResult {
  const issues: FieldIssue[] = [];
  const percent = (path: string, value: string): number => {
    const bp = percentInputToBp(value);
    if (bp === null) issues.push({ path, message: '请输入 0-100 的百分比（最多两位小数）' });
    return bp ?? 0;
  };
  const optionalPercent = (path: string, value: string): number | null =>
    value.trim() === '' ? null : percent(path, value);
  const yuan = (path: string, value: string, min: number): number => {
    const fen = yuanInputToFen(value);
    if (fen === null) issues.push({ path, message: '请输入正确的金额（最多两位小数）' });
    else if (fen < min) issues.push({ path, message: min > 0 ? '金额需大于 0' : '金额不能为负' });
    return fen ?? 0;
  };
  const days = (path: string, value: string): number => {
    const trimmed = value.trim();
    const n = /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : NaN;
    if (!(n >= 0 && n <= 3650)) issues.push({ path, message: '请输入 0-3650 的天数（0 为永久）' });
    return Number.isNaN(n) ? 0 : n;
  };

  const tiers: DistributionTier[] = form.tiers.map((t, i) => {
    const name = t.name.trim();
    if (!name) issues.push({ path: `tiers.${i}.name`, message: '请填写等级名称' });
    else if (Array.from(name).length > 16) issues.push({ path: `tiers.${i}.name`, message: '等级名称最多 16 个字' });
    return {
      ...(t.id ? { id: t.id } : {}),
      name,
      minSales: yuan(`tiers.${i}.minSales`, t.minSales, 0),
      l1RateBp: optionalPercent(`tiers.${i}.l1RateBp`, t.l1),
      l2RateBp: optionalPercent(`tiers.${i}.l2RateBp`, t.l2),
    };
  });
  const settings: DistributionSettings = {
    enabled: form.enabled,
    levels: form.levels,
    l1RateBp: percent('l1RateBp', form.l1),
    l2RateBp: percent('l2RateBp', form.l2),
    selfPurchaseCommission: form.selfPurchaseCommission,
    activityGoodsEarn: form.activityGoodsEarn,
    application: { autoApprove: form.autoApprove, minSpend: yuan('application.minSpend', form.minSpend, 0) },
    binding: {
      mode: form.bindingMode,
      protectionDays: days('binding.protectionDays', form.protectionDays),
      newUsersOnly: form.newUsersOnly,
    },
    withdrawal: {
      minAmount: yuan('withdrawal.minAmount', form.minAmount, 1),
      dailyCap: yuan('withdrawal.dailyCap', form.dailyCap, 1),
      reviewRequired: form.reviewRequired,
    },
    tiers,
  };
  if (form.tiers.length > MAX_TIERS) issues.push({ path: 'tiers', message: `最多 ${MAX_TIERS} 个等级` });
  if (issues.length) return { ok: false, issues };
  // Anything else the contract refuses (should not happen after the checks above) goes to the top.
  const parsed = DistributionSettings.safeParse(settings);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  return { ok: true, settings: parsed.data };
}

const Issues = z.array(FieldIssue);

/**
 * The issues of a refused save: 422 DISTRIBUTION_SETTINGS_NONCOMPLIANT carries `details.violations`,
 * 400 VALIDATION_FAILED `details.fields`; anything else is one message for the top of the form.
 */
export function issuesOf(error: unknown): FieldIssue[] {
  if (error instanceof ApiError) {
    const listed =
      error.code === 'DISTRIBUTION_SETTINGS_NONCOMPLIANT'
        ? error.details.violations
        : error.code === 'VALIDATION_FAILED'
          ? error.details.fields
          : undefined;
    const parsed = Issues.safeParse(listed);
    if (parsed.success && parsed.data.length > 0) return parsed.data;
    return [{ path: '', message: error.message || '保存失败，请稍后再试' }];
  }
  return [{ path: '', message: '保存失败，请稍后再试' }];
}

/** `tiers[0].l1RateBp` and `body.tiers.0.l1RateBp` are `tiers.0.l1RateBp`. */
export function normalizePath(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '')
    .replace(/^\.+/, '');
}

/**
 * Places each issue on the field the form shows (`shown`), or on its nearest shown parent (a tier
 * card `tiers.0`, the tiers section `tiers`); whatever has no place goes to the top.
 */
export function placeIssues(
  issues: FieldIssue[],
  shown: ReadonlySet<string>,
): { byPath: Record<string, string[]>; top: string[] } {
  const byPath: Record<string, string[]> = {};
  const top: string[] = [];
  for (const issue of issues) {
    let path = normalizePath(issue.path);
    while (path && !shown.has(path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    if (path) (byPath[path] ??= []).push(issue.message);
    else top.push(issue.message);
  }
  return { byPath, top };
}

/** Every path the form has a place for. */
export function shownPaths(form: SettingsForm): Set<string> {
  const paths = [
    'enabled',
    'levels',
    'l1RateBp',
    'l2RateBp',
    'selfPurchaseCommission',
    'activityGoodsEarn',
    'application.autoApprove',
    'application.minSpend',
    'binding.mode',
    'binding.protectionDays',
    'binding.newUsersOnly',
    'withdrawal.minAmount',
    'withdrawal.dailyCap',
    'withdrawal.reviewRequired',
    'tiers',
  ];
  form.tiers.forEach((_, i) => {
    for (const field of ['', '.name', '.minSales', '.l1RateBp', '.l2RateBp']) paths.push(`tiers.${i}${field}`);
  });
  return new Set(paths);
}
