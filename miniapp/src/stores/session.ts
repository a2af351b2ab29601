import Taro from '@tarojs/taro';
import type { UserView } from '@weshop/shared';

/**
 * The signed-in shopper: bearer token and user, persisted in Taro storage so a relaunch
 * does not need a fresh login. Nothing else lives here; server data is fetched per page.
 */
const TOKEN_KEY = 'weshop.token';
const USER_KEY = 'weshop.user';
/** h5 only: the sandbox identity (`sandbox:<name>`) the token belongs to. */
const SANDBOX_NAME_KEY = 'weshop.sandboxName';

let token: string | null = null;
let user: UserView | null = null;
let loaded = false;

function load(): void {
  if (loaded) return;
  loaded = true;
  token = (Taro.getStorageSync(TOKEN_KEY) as string) || null;
  user = (Taro.getStorageSync(USER_KEY) as UserView) || null;
}

export const session = {
  token(): string | null {
    load();
    return token;
  },
  user(): UserView | null {
    load();
    return user;
  },
  signedIn(next: { token: string; user: UserView }): void {
    loaded = true;
    token = next.token;
    user = next.user;
    Taro.setStorageSync(TOKEN_KEY, next.token);
    Taro.setStorageSync(USER_KEY, next.user);
  },
  userRefreshed(next: UserView): void {
    load();
    user = next;
    Taro.setStorageSync(USER_KEY, next);
  },
  signedOut(): void {
    loaded = true;
    token = null;
    user = null;
    Taro.removeStorageSync(TOKEN_KEY);
    Taro.removeStorageSync(USER_KEY);
  },
  sandboxName(): string | null {
    return (Taro.getStorageSync(SANDBOX_NAME_KEY) as string) || null;
  },
  rememberSandboxName(name: string): void {
    Taro.setStorageSync(SANDBOX_NAME_KEY, name);
  },
};
