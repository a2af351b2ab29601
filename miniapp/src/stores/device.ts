import Taro from '@tarojs/taro';
import { DeviceId } from '@weshop/shared';

/**
 * This install's device id (`X-Device-Id` of behaviour events): made once, kept in storage, so
 * visitors who never log in are still counted once (UV). Not a secret and not a fingerprint.
 */
const DEVICE_KEY = 'weshop.deviceId';

export function deviceId(): string {
  const stored = Taro.getStorageSync(DEVICE_KEY) as string;
  if (stored && DeviceId.safeParse(stored).success) return stored;
  const made = `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
  Taro.setStorageSync(DEVICE_KEY, made);
  return made;
}
