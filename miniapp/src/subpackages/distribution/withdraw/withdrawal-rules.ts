import { formatFen, yuanInputToFen, type Fen, type WithdrawalStatus, type WithdrawalView } from '@weshop/shared';

/**
 * 提现: what the page can tell before asking the server (the server decides, with today's total
 * against the daily cap and the serialized balance), and where a withdrawal stands.
 */

/** The distributor's limits as GET /distribution/me states them. */
export interface WithdrawRules {
  withdrawable: Fen;
  minAmount: Fen;
  dailyCap: Fen;
}

/** The most one withdrawal can ask for now (全部提现). */
export function maxWithdrawal(rules: WithdrawRules): Fen {
  return Math.max(0, Math.min(rules.withdrawable, rules.dailyCap));
}

/** Why nothing can be withdrawn right now, or null. */
export function withdrawBlockedReason(rules: WithdrawRules): string | null {
  if (rules.withdrawable <= 0) return '暂无可提现金额';
  if (rules.withdrawable < rules.minAmount) return `满 ${formatFen(rules.minAmount)} 可提现`;
  return null;
}

/** The sentence to show under the amount, or null when the typed amount may be sent. */
export function withdrawAmountError(input: string, rules: WithdrawRules): string | null {
  if (input.trim() === '') return '请输入提现金额';
  const fen = yuanInputToFen(input);
  if (fen === null) return '请输入正确的金额（最多两位小数）';
  if (fen <= 0) return '提现金额需大于 0';
  if (fen > rules.withdrawable) return `最多可提现 ${formatFen(rules.withdrawable)}`;
  if (fen > rules.dailyCap) return `单日最多提现 ${formatFen(rules.dailyCap)}`;
  if (fen < rules.minAmount) return `单笔最低提现 ${formatFen(rules.minAmount)}`;
  return null;
}

/** Where a withdrawal stands for the distributor. */
export type WithdrawalPhase = 'review' | 'paying' | 'confirm' | 'paid' | 'failed';

export function withdrawalPhase(w: Pick<WithdrawalView, 'status' | 'confirm'>): WithdrawalPhase {
  switch (w.status) {
    case 'REQUESTED':
      return 'review';
    case 'APPROVED':
    case 'PAYING':
      return 'paying';
    case 'WAITING_USER_CONFIRM':
      // Without the package there is nothing to confirm yet: still on its way.
      return w.confirm ? 'confirm' : 'paying';
    case 'PAID':
      return 'paid';
    case 'FAILED':
    case 'REJECTED':
      return 'failed';
  }
}

/** No further change will come (the money is paid, or back in the balance). */
export function isFinalWithdrawal(status: WithdrawalStatus): boolean {
  return status === 'PAID' || status === 'FAILED' || status === 'REJECTED';
}

/** The line under a withdrawal in progress. */
export const PHASE_TEXT: Record<WithdrawalPhase, string> = {
  review: '已提交，等待店铺审核',
  paying: '打款处理中…',
  confirm: '请确认收款',
  paid: '提现成功，已到账微信零钱',
  failed: '提现失败，金额已退回可提现余额',
};
