import Taro from '@tarojs/taro';
import {
  DEVICE_ID_HEADER,
  LaunchResult,
  type AnalyticsEventInput,
  type LaunchRequest,
  type ShareTicketData,
} from '@weshop/shared';
import { session } from '../stores/session';
import { buildUrl, request } from './client';
import { getSandboxInfo } from './orders';

/** 归因: launches (visits, share tickets, referral binding) and batched behaviour events. */

/** `POST /api/v1/launch`: the server records the visit and binds the path's `ref`. */
export function sendLaunch(body: LaunchRequest): Promise<LaunchResult> {
  return request('/api/v1/launch', LaunchResult, { method: 'POST', body });
}

/**
 * `POST /api/v1/events` as a beacon: the one other caller of `Taro.request` besides the client, because
 * events never wait for a login and never retry one (a token that no longer verifies counts as
 * anonymous; the device id names the caller). Resolves to the HTTP status, 0 without an answer.
 */
export async function sendEvents(events: AnalyticsEventInput[], deviceId: string): Promise<number> {
  const header: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/json',
    [DEVICE_ID_HEADER]: deviceId,
  };
  const token = session.token();
  if (token) header.Authorization = `Bearer ${token}`;
  try {
    const res = await Taro.request({
      url: buildUrl('/api/v1/events'),
      method: 'POST',
      data: { events },
      header,
      dataType: 'json',
    });
    return res.statusCode;
  } catch {
    return 0;
  }
}

/**
 * h5 development and tests only: the WeChat sandbox plays `wx.getGroupEnterInfo` for a group named in
 * the URL (`?opengid=`), sealing it with the session_key of this sandbox user's last login. Null when
 * the sandbox is not there (live mode) or refuses.
 */
export async function sandboxGroupEnterInfo(opengid: string): Promise<ShareTicketData | null> {
  const info = await getSandboxInfo().catch(() => null);
  const name = session.sandboxName();
  if (!info || !name) return null;
  try {
    const res = await Taro.request({
      url: `${info.sandboxUrl.replace(/\/+$/, '')}/sandbox/group-enter-info`,
      method: 'POST',
      data: { name, opengid },
      header: { 'Content-Type': 'application/json' },
      dataType: 'json',
    });
    const data = res.data as Partial<ShareTicketData> | undefined;
    if (res.statusCode !== 200 || !data?.encryptedData || !data.iv) return null;
    return { encryptedData: data.encryptedData, iv: data.iv };
  } catch {
    return null;
  }
}
