import { DomainError } from '../infra/http/domain-error';

/** WeChat answered with an errcode for a login code (invalid, used, blocked user). */
export class WechatLoginFailed extends DomainError {
  readonly code = 'WECHAT_LOGIN_FAILED';
  readonly status = 401;
  constructor(errcode: number) {
    super(LOGIN_MESSAGES[errcode] ?? 'WeChat refused the login code', { errcode });
  }
}

/** WeChat could not be reached or failed on its side; the user may retry. */
export class WechatUnavailable extends DomainError {
  readonly code = 'WECHAT_UNAVAILABLE';
  readonly status = 503;
  constructor(what: string, errcode?: number) {
    super(`WeChat did not answer ${what}; please retry`, errcode === undefined ? undefined : { errcode });
  }
}

const LOGIN_MESSAGES: Record<number, string> = {
  40029: 'The login code is invalid or expired',
  40163: 'The login code was already used',
  40226: 'WeChat blocked this account as high risk',
};

/** getwxacodeunlimit refused the scene (errcode 40169): too long, empty, or a character WeChat forbids. */
export class InvalidShareScene extends DomainError {
  readonly code = 'INVALID_SHARE_SCENE';
  readonly status = 400;
  constructor() {
    super("A share code's scene is 1-32 characters of 0-9 A-Z a-z and !#$&'()*+,/:;=?@-._~", { errcode: 40169 });
  }
}

/**
 * getwxacodeunlimit does not know the page (errcode 41030): it does not exist or is not in the
 * published version (before release, use checkPath false with envVersion trial/develop).
 */
export class WechatPageNotFound extends DomainError {
  readonly code = 'WECHAT_PAGE_NOT_FOUND';
  readonly status = 400;
  constructor(page: string) {
    super(`The mini-program page ${page} does not exist or is not published`, { errcode: 41030, page });
  }
}
