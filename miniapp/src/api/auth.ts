import { UserView, WechatLoginResponse } from '@weshop/shared';
import { request } from './client';

/** `POST /api/v1/auth/wechat-login`: exchanges a wx.login code (or `sandbox:<name>`) for a token. */
export function wechatLogin(code: string): Promise<WechatLoginResponse> {
  return request('/api/v1/auth/wechat-login', WechatLoginResponse, { method: 'POST', body: { code }, auth: false });
}

/** `GET /api/v1/me`: the signed-in user with roles, member level, points and distributor status. */
export function me(): Promise<UserView> {
  return request('/api/v1/me', UserView);
}
