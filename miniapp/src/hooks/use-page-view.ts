import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { track } from '../utils/events';

/** `/pages/product/index?id=1` → `pages/product/index`. */
export function pageOf(path: string | undefined): string {
  return (path ?? '').replace(/^\/+/, '').split('?')[0];
}

/** A PAGE_VIEW each time the page shows (queued; never waits). */
export function usePageView(): void {
  const router = useRouter();
  useDidShow(() => {
    const page = pageOf(router.path);
    if (page) track('PAGE_VIEW', { page });
  });
}

/**
 * Shares from this page carry a share ticket (`withShareTicket`), so a group card opened from it
 * arrives as scene 1044 and the recipient's launch can name the WeChat group (weapp only).
 */
export function useShareTicket(): void {
  useDidShow(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    void Taro.updateShareMenu({ withShareTicket: true }).catch(() => undefined);
  });
}
