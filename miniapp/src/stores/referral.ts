import Taro from '@tarojs/taro';
import type { ReferralBind } from '../utils/referral';

/**
 * The referral a launch brought in and not yet sent to the server (锁客 happens once the user is
 * logged in). Persisted so a launch without network still binds on the next one.
 */
const PENDING_KEY = 'weshop.pendingReferral';

export const pendingReferral = {
  get(): ReferralBind | null {
    const value = Taro.getStorageSync(PENDING_KEY) as ReferralBind | '';
    return value && typeof value === 'object' && value.code ? value : null;
  },
  set(bind: ReferralBind): void {
    Taro.setStorageSync(PENDING_KEY, bind);
  },
  clear(): void {
    Taro.removeStorageSync(PENDING_KEY);
  },
};
