import type { WithdrawalView } from '@weshop/shared';

/**
 * `wx.requestMerchantTransfer` (WECHAT.md §B.1, base library ≥ 3.3.0): WeChat's 确认收款 page for a
 * merchant transfer. Taro 4.2.1 has no wrapper, so the weapp build calls the global `wx`, guarded by
 * `canIUse`. `success` only means the page was shown: the outcome comes from the server.
 */
type MerchantTransferOptions = {
  mchId: string;
  appId: string;
  package: string;
  openId?: string;
  success: () => void;
  fail: (error: { errMsg?: string }) => void;
};
declare const wx: {
  canIUse(api: string): boolean;
  requestMerchantTransfer(options: MerchantTransferOptions): void;
};

export type MerchantTransferOutcome = 'shown' | 'cancelled' | 'failed' | 'unsupported';

export function requestMerchantTransfer(
  confirm: NonNullable<WithdrawalView['confirm']>,
): Promise<MerchantTransferOutcome> {
  if (process.env.TARO_ENV !== 'weapp') return Promise.resolve('unsupported');
  if (typeof wx === 'undefined' || !wx.canIUse('requestMerchantTransfer')) return Promise.resolve('unsupported');
  return new Promise((resolve) => {
    wx.requestMerchantTransfer({
      mchId: confirm.mchId,
      appId: confirm.appId,
      package: confirm.package,
      openId: confirm.openId,
      success: () => resolve('shown'),
      fail: (error) => resolve((error?.errMsg ?? '').includes('cancel') ? 'cancelled' : 'failed'),
    });
  });
}
