import { z } from 'zod';
import {
  AdminDistributorPage,
  AdminWithdrawalPage,
  DistributionSettings,
  type DistributorStatus,
  type WithdrawalStatus,
} from '@weshop/shared';
import { request } from './client';

/** The manager console's 分销 side (role ADMIN). The server answers 403 to anyone else. */

/**
 * The contract gives the review actions no answer schema (the console reloads its list after each),
 * so their 2xx body is not read.
 */
const Acknowledged = z.unknown();

/** `GET /api/v1/admin/distributors?status=&page=` (申请审核 and the distributors by status). */
export function listAdminDistributors(
  query: { status?: DistributorStatus; page?: number } = {},
): Promise<AdminDistributorPage> {
  return request('/api/v1/admin/distributors', AdminDistributorPage, { query: { ...query } });
}

/** `POST /api/v1/admin/distributors/:userId/approve` (通过申请). */
export async function approveDistributor(userId: string): Promise<void> {
  await request(`/api/v1/admin/distributors/${encodeURIComponent(userId)}/approve`, Acknowledged, {
    method: 'POST',
    body: {},
  });
}

/** `POST /api/v1/admin/distributors/:userId/reject { reason }` (驳回申请). */
export async function rejectDistributor(userId: string, reason: string): Promise<void> {
  await request(`/api/v1/admin/distributors/${encodeURIComponent(userId)}/reject`, Acknowledged, {
    method: 'POST',
    body: { reason },
  });
}

/** `GET /api/v1/admin/withdrawals?status=&page=` (提现审核). */
export function listAdminWithdrawals(
  query: { status?: WithdrawalStatus; page?: number } = {},
): Promise<AdminWithdrawalPage> {
  return request('/api/v1/admin/withdrawals', AdminWithdrawalPage, { query: { ...query } });
}

/** `POST /api/v1/admin/withdrawals/:id/approve` (同意提现: the server starts the merchant transfer). */
export async function approveWithdrawal(id: string): Promise<void> {
  await request(`/api/v1/admin/withdrawals/${encodeURIComponent(id)}/approve`, Acknowledged, {
    method: 'POST',
    body: {},
  });
}

/** `POST /api/v1/admin/withdrawals/:id/reject { reason }` (驳回提现: the money goes back to the balance). */
export async function rejectWithdrawal(id: string, reason: string): Promise<void> {
  await request(`/api/v1/admin/withdrawals/${encodeURIComponent(id)}/reject`, Acknowledged, {
    method: 'POST',
    body: { reason },
  });
}

/** `GET /api/v1/admin/settings/distribution` (分销设置). */
export function getDistributionSettings(): Promise<DistributionSettings> {
  return request('/api/v1/admin/settings/distribution', DistributionSettings);
}

/**
 * `PUT /api/v1/admin/settings/distribution`: refused with 422 DISTRIBUTION_SETTINGS_NONCOMPLIANT
 * (`details.violations: [{ path, message }]`) or 400 VALIDATION_FAILED (`details.fields`).
 */
export function saveDistributionSettings(body: DistributionSettings): Promise<DistributionSettings> {
  return request('/api/v1/admin/settings/distribution', DistributionSettings, { method: 'PUT', body });
}
