/**
 * The `scene` of an unlimited 小程序码 (WECHAT.md §C.4): at most 32 visible characters from
 * `0-9 A-Z a-z` and ``!#$&'()*+,/:;=?@-._~`` — no `%`, so nothing URL-encoded (no Chinese). The
 * page receives it URL-encoded in `query.scene`: always `decodeURIComponent(query.scene)`.
 */
export const WXACODE_SCENE_MAX_LENGTH = 32;

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;

/** Whether WeChat accepts `scene` (else getwxacodeunlimit answers 40169). */
export function isValidWxacodeScene(scene: string): boolean {
  return scene.length >= 1 && scene.length <= WXACODE_SCENE_MAX_LENGTH && SCENE.test(scene);
}
