import Taro from '@tarojs/taro';
import { wechatLogin, me } from './auth';
import { ApiError, runLogin, setRelogin } from './client';
import { session } from '../stores/session';

/** Default sandbox shopper for the h5 build when the URL names nobody. */
export const DEFAULT_SANDBOX_NAME = 'shopper';

/** Reads `as` from the h5 URL, e.g. `#/pages/home/index?as=alice` (hash router) or `?as=alice`. */
export function sandboxNameFromUrl(href: string): string | null {
  const queries = href.split(/[?#]/).slice(1);
  for (const part of queries) {
    for (const pair of part.split('&')) {
      const [key, value] = pair.split('=');
      if (key === 'as' && value) return decodeURIComponent(value);
    }
  }
  return null;
}

/** h5 has no wx.login: the server's WeChat sandbox accepts `sandbox:<name>` as a login code. */
function h5SandboxName(): string {
  const fromUrl = typeof window === 'undefined' ? null : sandboxNameFromUrl(window.location.href);
  return fromUrl ?? session.sandboxName() ?? DEFAULT_SANDBOX_NAME;
}

async function loginCode(): Promise<string> {
  if (process.env.TARO_ENV === 'h5') {
    const name = h5SandboxName();
    session.rememberSandboxName(name);
    return `sandbox:${name}`;
  }
  const { code } = await Taro.login();
  return code;
}

/** Fresh login: a code from WeChat (or the sandbox) exchanged for a token. */
async function signIn(): Promise<void> {
  session.signedOut();
  session.signedIn(await wechatLogin(await loginCode()));
}

/**
 * Called once on launch. Registers the re-login used by the API client on 401, then either
 * refreshes the stored session (`/me`) or logs in. In h5, a URL naming another sandbox user
 * than the stored one forces a fresh login as that user.
 */
export async function startSession(): Promise<void> {
  setRelogin(signIn);
  const switching =
    process.env.TARO_ENV === 'h5' && session.token() !== null && h5SandboxName() !== session.sandboxName();
  if (session.token() === null || switching) return runLogin();
  try {
    session.userRefreshed(await me());
  } catch (error) {
    // A 401 already re-logged in inside the client; anything else (offline) keeps the stored session.
    if (!(error instanceof ApiError)) throw error;
  }
}
