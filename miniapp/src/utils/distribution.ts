import {
  formatFen,
  type BindSource,
  type Bp,
  type CommissionStatus,
  type DistributorBalances,
  type DistributorMe,
  type DistributorStatus,
  type WithdrawalStatus,
} from '@weshop/shared';

/** What a distributor reads for each status of the 分销 domain (the server's figures, only labelled here). */

export const DISTRIBUTOR_STATUS_TEXT: Record<DistributorStatus, string> = {
  NONE: '未申请',
  PENDING: '审核中',
  APPROVED: '已通过',
  REJECTED: '未通过',
};

export const COMMISSION_STATUS_TEXT: Record<CommissionStatus, string> = {
  ESTIMATED: '预估',
  PENDING: '待结算',
  SETTLED: '已结算',
  REVERSED: '已冲回',
  CANCELLED: '已取消',
};

export const WITHDRAWAL_STATUS_TEXT: Record<WithdrawalStatus, string> = {
  REQUESTED: '待审核',
  APPROVED: '已审核',
  PAYING: '打款中',
  WAITING_USER_CONFIRM: '待确认收款',
  PAID: '已到账',
  FAILED: '提现失败',
  REJECTED: '已驳回',
};

export const BIND_SOURCE_TEXT: Record<BindSource, string> = {
  LINK: '分享链接',
  CODE: '小程序码',
  MANUAL: '推荐码',
};

/** L1 = the buyer's own distributor, L2 = that distributor's parent. */
export const COMMISSION_LEVEL_TEXT: Record<1 | 2, string> = { 1: '一级', 2: '二级' };

/** Basis points as a percentage without trailing zeros: 1000 → "10%", 1250 → "12.5%", 1 → "0.01%". */
export function formatBp(bp: Bp): string {
  const abs = Math.abs(bp);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${bp < 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}%`;
}

/**
 * A percentage typed by the manager ("10", "12.5", "0.01") as basis points; null unless it is a
 * number from 0 to 100 with at most two decimals.
 */
export function percentInputToBp(input: string): Bp | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(input);
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** Basis points back into the percentage input ("" stays for "not set"). */
export function bpToPercentInput(bp: Bp | null): string {
  return bp === null ? '' : formatBp(bp).replace('%', '');
}

/** Fen back into a yuan input: 1230 → "12.3", 100 → "1". */
export function fenToYuanInput(fen: number): string {
  return formatFen(fen, { symbol: false }).replace(/\.?0+$/, '');
}

/**
 * Why the balance is negative, or null when it is not: a refund reversed commission that had
 * already settled (PRODUCT.md), and later commission is netted against it first.
 */
export function negativeBalanceNote(balances: DistributorBalances): string | null {
  if (balances.balance >= 0) return null;
  return `账户余额 ${formatFen(balances.balance)}：已结算的佣金因订单退款被冲回，之后的佣金会先抵扣这部分，抵扣完才可提现。`;
}

/** The shop's condition for applying, in one sentence. */
export function applicationConditionText(application: DistributorMe['application']): string {
  const condition =
    application.minSpend > 0
      ? `累计消费满 ${formatFen(application.minSpend)} 可申请（已消费 ${formatFen(application.spent)}）`
      : '无门槛，免费申请';
  return `${condition}；${application.autoApprove ? '提交后自动通过' : '提交后由店铺审核'}`;
}

/** Until when a customer stays bound: a date, or 永久 (protection 0 = permanent). */
export function bindingUntilText(until: string | null): string {
  if (until === null) return '永久';
  const d = new Date(until);
  if (Number.isNaN(d.getTime())) return until;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The code to put into shares: only an APPROVED distributor's own code. */
export function shareRefOf(me: Pick<DistributorMe, 'status' | 'code'> | null): string | null {
  return me && me.status === 'APPROVED' && me.code ? me.code : null;
}
