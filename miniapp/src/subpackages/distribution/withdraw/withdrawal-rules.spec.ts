import { WITHDRAWAL_STATUSES, type WithdrawalStatus } from '@weshop/shared';
import {
  isFinalWithdrawal,
  maxWithdrawal,
  withdrawalPhase,
  withdrawAmountError,
  withdrawBlockedReason,
  type WithdrawRules,
} from './withdrawal-rules';

const rules: WithdrawRules = { withdrawable: 5_000, minAmount: 100, dailyCap: 2_000 };

describe('withdrawAmountError', () => {
  it.each<[string, WithdrawRules, string | null]>([
    // typed yuan, limits, message (null = may be sent)
    ['10', rules, null],
    ['1', rules, null], // exactly the minimum
    ['20', rules, null], // exactly the daily cap
    ['12.34', rules, null],
    [' 15.5 ', rules, null],
    ['', rules, '请输入提现金额'],
    ['   ', rules, '请输入提现金额'],
    ['abc', rules, '请输入正确的金额（最多两位小数）'],
    ['1.234', rules, '请输入正确的金额（最多两位小数）'],
    ['-5', rules, '请输入正确的金额（最多两位小数）'],
    ['0', rules, '提现金额需大于 0'],
    ['0.00', rules, '提现金额需大于 0'],
    ['0.99', rules, '单笔最低提现 ¥1.00'],
    ['20.01', rules, '单日最多提现 ¥20.00'],
    ['50.01', rules, '最多可提现 ¥50.00'],
    // more than the balance is said first, even when it is over the cap too
    ['60', { withdrawable: 5_000, minAmount: 100, dailyCap: 2_000 }, '最多可提现 ¥50.00'],
    ['0.6', { withdrawable: 50, minAmount: 100, dailyCap: 2_000 }, '最多可提现 ¥0.50'],
    ['0.5', { withdrawable: 50, minAmount: 100, dailyCap: 2_000 }, '单笔最低提现 ¥1.00'],
    ['0.01', { withdrawable: 1, minAmount: 1, dailyCap: 1 }, null],
  ])('%j with %j -> %j', (typed, limits, message) => {
    expect(withdrawAmountError(typed, limits)).toBe(message);
  });
});

describe('maxWithdrawal (全部)', () => {
  it.each<[WithdrawRules, number]>([
    [rules, 2_000],
    [{ withdrawable: 1_500, minAmount: 100, dailyCap: 2_000 }, 1_500],
    [{ withdrawable: 0, minAmount: 100, dailyCap: 2_000 }, 0],
    [{ withdrawable: -300, minAmount: 100, dailyCap: 2_000 }, 0],
  ])('%j -> %i', (limits, max) => {
    expect(maxWithdrawal(limits)).toBe(max);
    // what 全部 fills in is always accepted when anything can be withdrawn
    if (withdrawBlockedReason(limits) === null) {
      expect(withdrawAmountError((max / 100).toFixed(2), limits)).toBeNull();
    }
  });
});

describe('withdrawBlockedReason', () => {
  it.each<[WithdrawRules, string | null]>([
    [rules, null],
    [{ withdrawable: 0, minAmount: 100, dailyCap: 2_000 }, '暂无可提现金额'],
    [{ withdrawable: 99, minAmount: 100, dailyCap: 2_000 }, '满 ¥1.00 可提现'],
    [{ withdrawable: 100, minAmount: 100, dailyCap: 2_000 }, null],
  ])('%j -> %j', (limits, reason) => {
    expect(withdrawBlockedReason(limits)).toBe(reason);
  });
});

describe('withdrawalPhase', () => {
  const confirm = { mchId: '1900000001', appId: 'wx0000000000000000', package: 'pkg', openId: 'o1' };
  it.each<[WithdrawalStatus, boolean, string]>([
    ['REQUESTED', false, 'review'],
    ['APPROVED', false, 'paying'],
    ['PAYING', false, 'paying'],
    ['WAITING_USER_CONFIRM', true, 'confirm'],
    ['WAITING_USER_CONFIRM', false, 'paying'], // no package yet: nothing to confirm
    ['PAID', false, 'paid'],
    ['FAILED', false, 'failed'],
    ['REJECTED', false, 'failed'],
  ])('%s (confirm %s) -> %s', (status, withConfirm, phase) => {
    expect(withdrawalPhase({ status, confirm: withConfirm ? confirm : null })).toBe(phase);
  });

  it('every status has a phase, and exactly PAID, FAILED and REJECTED are final', () => {
    for (const status of WITHDRAWAL_STATUSES) {
      expect(withdrawalPhase({ status, confirm: null })).toEqual(expect.any(String));
      expect(isFinalWithdrawal(status)).toBe(['PAID', 'FAILED', 'REJECTED'].includes(status));
    }
  });
});
