import type { DistributionSettings } from '@weshop/shared';
import { ApiError } from '../../../api/client';
import {
  emptyTier,
  formToSettings,
  issuesOf,
  normalizePath,
  placeIssues,
  settingsToForm,
  shownPaths,
} from './settings-form';

const settings: DistributionSettings = {
  enabled: true,
  levels: 2,
  l1RateBp: 1_000,
  l2RateBp: 250,
  selfPurchaseCommission: false,
  activityGoodsEarn: false,
  application: { autoApprove: false, minSpend: 9_900 },
  binding: { mode: 'FIRST_TOUCH', protectionDays: 365, newUsersOnly: false },
  withdrawal: { minAmount: 100, dailyCap: 2_000_000, reviewRequired: true },
  tiers: [
    { id: '1', name: '银牌', minSales: 100_000, l1RateBp: 1_200, l2RateBp: null },
    { id: '2', name: '金牌', minSales: 500_050, l1RateBp: 1_500, l2RateBp: 300 },
  ],
};

describe('settings form', () => {
  it('shows fen as yuan and basis points as percent, and round-trips unchanged', () => {
    const form = settingsToForm(settings);
    expect(form).toMatchObject({ l1: '10', l2: '2.5', minSpend: '99', minAmount: '1', dailyCap: '20000' });
    expect(form.tiers[0]).toEqual({ id: '1', name: '银牌', minSales: '1000', l1: '12', l2: '' });
    expect(form.tiers[1].minSales).toBe('5000.5');
    expect(formToSettings(form)).toEqual({ ok: true, settings });
  });

  it('turns typed values into the contract’s units', () => {
    const form = {
      ...settingsToForm(settings),
      l1: '12.34',
      minSpend: '0',
      protectionDays: '0',
      tiers: [{ ...emptyTier(), name: ' 铜牌 ', minSales: '0', l1: '', l2: '0.5' }],
    };
    const result = formToSettings(form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.l1RateBp).toBe(1_234);
    expect(result.settings.application.minSpend).toBe(0);
    expect(result.settings.binding.protectionDays).toBe(0);
    expect(result.settings.tiers).toEqual([{ name: '铜牌', minSales: 0, l1RateBp: null, l2RateBp: 50 }]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['l1RateBp', { l1: '101' }, '请输入 0-100 的百分比（最多两位小数）'],
    ['l2RateBp', { l2: 'abc' }, '请输入 0-100 的百分比（最多两位小数）'],
    ['application.minSpend', { minSpend: '-1' }, '请输入正确的金额（最多两位小数）'],
    ['binding.protectionDays', { protectionDays: '3651' }, '请输入 0-3650 的天数（0 为永久）'],
    ['binding.protectionDays', { protectionDays: '1.5' }, '请输入 0-3650 的天数（0 为永久）'],
    ['withdrawal.minAmount', { minAmount: '0' }, '金额需大于 0'],
    ['withdrawal.dailyCap', { dailyCap: '' }, '请输入正确的金额（最多两位小数）'],
  ])('refuses a bad %s before sending', (path, patch, message) => {
    const result = formToSettings({ ...settingsToForm(settings), ...patch });
    expect(result).toEqual({ ok: false, issues: [{ path, message }] });
  });

  it('names a tier’s bad fields by the server’s path', () => {
    const form = settingsToForm(settings);
    form.tiers[1] = { ...form.tiers[1], name: '', l1: '120' };
    const result = formToSettings(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toEqual(['tiers.1.name', 'tiers.1.l1RateBp']);
  });

  it('leaves compliance to the server: L1 + L2 over 100% is sent as typed', () => {
    const result = formToSettings({ ...settingsToForm(settings), l1: '80', l2: '30' });
    expect(result.ok && [result.settings.l1RateBp, result.settings.l2RateBp]).toEqual([8_000, 3_000]);
  });
});

describe('server refusals', () => {
  it('reads 422 DISTRIBUTION_SETTINGS_NONCOMPLIANT violations', () => {
    const error = new ApiError(422, 'DISTRIBUTION_SETTINGS_NONCOMPLIANT', '分销设置不合规', {
      violations: [
        { path: 'l2RateBp', message: '一级与二级佣金比例之和不能超过 100%' },
        { path: 'levels', message: '最多两级分佣' },
      ],
    });
    expect(issuesOf(error)).toEqual([
      { path: 'l2RateBp', message: '一级与二级佣金比例之和不能超过 100%' },
      { path: 'levels', message: '最多两级分佣' },
    ]);
  });

  it('reads 400 VALIDATION_FAILED fields', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', '参数有误', {
      fields: [{ path: 'tiers.0.name', message: 'Too big' }],
    });
    expect(issuesOf(error)).toEqual([{ path: 'tiers.0.name', message: 'Too big' }]);
  });

  it('anything else is one message for the top', () => {
    expect(issuesOf(new ApiError(403, 'FORBIDDEN', '无权限'))).toEqual([{ path: '', message: '无权限' }]);
    expect(issuesOf(new ApiError(422, 'DISTRIBUTION_SETTINGS_NONCOMPLIANT', '不合规', {}))).toEqual([
      { path: '', message: '不合规' },
    ]);
    expect(issuesOf(new Error('x'))).toEqual([{ path: '', message: '保存失败，请稍后再试' }]);
  });

  it.each([
    ['tiers[1].l1RateBp', 'tiers.1.l1RateBp'],
    ['body.withdrawal.dailyCap', 'withdrawal.dailyCap'],
    ['l1RateBp', 'l1RateBp'],
  ])('normalizes %j', (raw, path) => {
    expect(normalizePath(raw)).toBe(path);
  });

  it('places each message on its field, its nearest shown parent, or the top', () => {
    const shown = shownPaths(settingsToForm(settings));
    const placed = placeIssues(
      [
        { path: 'l2RateBp', message: 'A' },
        { path: 'tiers.1.l2RateBp', message: 'B' },
        { path: 'tiers.0.something', message: 'C' },
        { path: 'tiers.5.name', message: 'D' },
        { path: '(root)', message: 'E' },
        { path: '', message: 'F' },
        { path: 'application', message: 'G' },
        { path: 'l2RateBp', message: 'H' },
      ],
      shown,
    );
    expect(placed).toEqual({
      byPath: { l2RateBp: ['A', 'H'], 'tiers.1.l2RateBp': ['B'], 'tiers.0': ['C'], tiers: ['D'] },
      top: ['E', 'F', 'G'],
    });
  });
});
