import Taro from '@tarojs/taro';
import { ApiError, NETWORK_ERROR } from './client';

/**
 * The WeChat sandbox's "user's phone" (development and tests only): not our API, so it is the one
 * other caller of `Taro.request`. It plays the part of tapping 确认支付 in WeChat's pay sheet.
 */

/** The prepay id inside `package` (`prepay_id=<id>`), or null when it is not there. */
export function prepayIdOf(pkg: string): string | null {
  const match = /(?:^|&)prepay_id=([^&]+)/.exec(pkg);
  return match ? decodeURIComponent(match[1]) : null;
}

/** `POST {sandboxUrl}/sandbox/pay { prepayId }`: the sandbox marks it paid and notifies the server. */
export async function sandboxPay(sandboxUrl: string, prepayId: string): Promise<void> {
  let status: number;
  try {
    const res = await Taro.request({
      url: `${sandboxUrl.replace(/\/+$/, '')}/sandbox/pay`,
      method: 'POST',
      data: { prepayId },
      header: { 'Content-Type': 'application/json' },
      dataType: 'json',
    });
    status = res.statusCode;
  } catch {
    throw new ApiError(0, NETWORK_ERROR, '模拟支付失败：连不上微信沙箱');
  }
  if (status < 200 || status >= 300) throw new ApiError(status, 'SANDBOX_PAY_FAILED', `模拟支付失败 (${status})`);
}
