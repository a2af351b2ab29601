import { createHash } from 'node:crypto';

/** Names a sandbox user may have: `sandbox:<name>` codes carry them. */
export const SANDBOX_NAME = /^[A-Za-z0-9_-]{1,32}$/;

/** The stable openid the sandbox gives `<name>` under `appid` (28 chars, like WeChat's). */
export function sandboxOpenid(appid: string, name: string): string {
  return 'o' + createHash('sha256').update(`${appid}:${name}`).digest('base64url').slice(0, 27);
}

/** The stable unionid of `<name>` (the same under every appid of the open platform account). */
export function sandboxUnionid(name: string): string {
  return 'u' + createHash('sha256').update(`union:${name}`).digest('base64url').slice(0, 27);
}
