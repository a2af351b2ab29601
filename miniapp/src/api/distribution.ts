import Taro from '@tarojs/taro';
import {
  BindResult,
  CommissionPage,
  CustomerPage,
  DistributorMe,
  Leaderboard,
  ShareView,
  TeamView,
  WithdrawalPage,
  WithdrawalView,
  type BindSource,
  type CommissionStatus,
  type LeaderboardQuery,
} from '@weshop/shared';
import { ApiError, NETWORK_ERROR, request } from './client';

/** 分销: the distributor centre, referral binding, commissions, team, withdrawals and share codes. */

/** `GET /api/v1/distribution/me`: status, code, tier, balances and what the shop asks of an application. */
export function getDistributorMe(): Promise<DistributorMe> {
  return request('/api/v1/distribution/me', DistributorMe);
}

/** `POST /api/v1/distribution/apply` (申请成为分销员): never costs anything; the shop may review it. */
export function applyDistributor(): Promise<DistributorMe> {
  return request('/api/v1/distribution/apply', DistributorMe, { method: 'POST', body: {} });
}

/**
 * `POST /api/v1/distribution/bind { code, source }` (锁客). A refused bind is an `ApiError`
 * (REFERRAL_CODE_UNKNOWN 404, REFERRAL_SELF / REFERRAL_CYCLE 409); an ignored one is a 200 with `bound: false`.
 */
export function bindReferral(code: string, source: BindSource): Promise<BindResult> {
  return request('/api/v1/distribution/bind', BindResult, { method: 'POST', body: { code, source } });
}

/** `GET /api/v1/distribution/commissions?status=&page=&pageSize=` (佣金明细), newest first. */
export function listCommissions(
  query: { status?: CommissionStatus; page?: number; pageSize?: number } = {},
): Promise<CommissionPage> {
  return request('/api/v1/distribution/commissions', CommissionPage, { query: { ...query } });
}

/** `GET /api/v1/distribution/customers?page=` (我的客户: who is bound to me). */
export function listCustomers(page = 1): Promise<CustomerPage> {
  return request('/api/v1/distribution/customers', CustomerPage, { query: { page } });
}

/** `GET /api/v1/distribution/team?page=` (我的团队: sizes, sales, and a page of direct sub-distributors). */
export function getTeam(page = 1): Promise<TeamView> {
  return request('/api/v1/distribution/team', TeamView, { query: { page } });
}

/** `GET /api/v1/distribution/leaderboard?period=week|month|all` (排行榜 by own sales). */
export function getLeaderboard(period: LeaderboardQuery['period']): Promise<Leaderboard> {
  return request('/api/v1/distribution/leaderboard', Leaderboard, { query: { period } });
}

/**
 * `POST /api/v1/distribution/withdrawals { amount }` with an `Idempotency-Key`: the caller creates
 * the key once per intent (first tap of 提现 for this amount) and sends the same one on every retry.
 */
export function requestWithdrawal(amount: number, idempotencyKey: string): Promise<WithdrawalView> {
  return request('/api/v1/distribution/withdrawals', WithdrawalView, {
    method: 'POST',
    body: { amount },
    idempotencyKey,
  });
}

/** `GET /api/v1/distribution/withdrawals?page=` (提现记录), newest first. */
export function listWithdrawals(page = 1): Promise<WithdrawalPage> {
  return request('/api/v1/distribution/withdrawals', WithdrawalPage, { query: { page } });
}

/** `GET /api/v1/distribution/withdrawals/:id`: `confirm` is set while the transfer waits for the user. */
export function getWithdrawal(id: string): Promise<WithdrawalView> {
  return request(`/api/v1/distribution/withdrawals/${encodeURIComponent(id)}`, WithdrawalView);
}

/** `GET /api/v1/distribution/share?productId=`: share path with `ref`, the code's scene and image. */
export function getShare(productId: string): Promise<ShareView> {
  return request('/api/v1/distribution/share', ShareView, { query: { productId } });
}

/**
 * The WeChat sandbox's "user's phone" for merchant transfers (h5 development and tests only; not our
 * API, so like api/sandbox.ts it calls `Taro.request` itself): `POST {sandboxUrl}/sandbox/transfers/
 * {outBillNo}/confirm { package, openid }` plays the part of 确认收款 in `wx.requestMerchantTransfer`.
 */
export async function sandboxConfirmTransfer(
  sandboxUrl: string,
  outBillNo: string,
  confirm: { package: string; openId: string },
): Promise<void> {
  let status: number;
  try {
    const res = await Taro.request({
      url: `${sandboxUrl.replace(/\/+$/, '')}/sandbox/transfers/${encodeURIComponent(outBillNo)}/confirm`,
      method: 'POST',
      data: { package: confirm.package, openid: confirm.openId },
      header: { 'Content-Type': 'application/json' },
      dataType: 'json',
    });
    status = res.statusCode;
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '确认收款失败：连不上微信沙箱');
  }
  if (status < 200 || status >= 300) {
    throw new ApiError(status, 'SANDBOX_TRANSFER_FAILED', `确认收款失败 (${status})`);
  }
}
