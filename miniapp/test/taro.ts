import { useEffect } from 'react';
/**
 * A small stand-in for `@tarojs/taro` in jest: in-memory storage and inert navigation/UI calls.
 * `request` and `login` are jest mocks a test can program.
 */
const storage = new Map<string, unknown>();

export const router: { params: Record<string, string> } = { params: {} };

const Taro = {
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
  request: jest.fn(),
  login: jest.fn(async () => ({ code: 'wx-code', errMsg: 'login:ok' })),
  showToast: jest.fn(async () => undefined),
  navigateTo: jest.fn(async () => undefined),
  setNavigationBarTitle: jest.fn(async () => undefined),
  redirectTo: jest.fn(async () => undefined),
  switchTab: jest.fn(async () => undefined),
  navigateBack: jest.fn(async () => undefined),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  setTabBarBadge: jest.fn(async () => undefined),
  removeTabBarBadge: jest.fn(async () => undefined),
  requestPayment: jest.fn(async () => ({ errMsg: 'requestPayment:ok' })),
  eventCenter: { on: jest.fn(), off: jest.fn(), trigger: jest.fn() },
};

export default Taro;
export const useRouter = () => router;
export const useReachBottom = (_fn: () => void) => undefined;
export const useLaunch = (_fn: () => void) => undefined;
/** Runs once on mount, as the first onShow does. */
export const useDidShow = (fn: () => void) => {
  useEffect(fn, []);
};
