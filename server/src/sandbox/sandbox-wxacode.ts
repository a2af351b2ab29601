import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';

/**
 * The sandbox's 小程序码 (WECHAT.md §C.4, §E.8): `POST /wxa/getwxacodeunlimit?access_token=`.
 *
 * - access_token: a current token from stable_token or /cgi-bin/token (unknown → 40001,
 *   expired → 42001); `POST /sandbox/faults {path: '/wxa/getwxacodeunlimit', errcode}` forces an
 *   errcode (e.g. 45009, -1).
 * - `scene`: 1–32 characters of `0-9A-Za-z` and ``!#$&'()*+,/:;=?@-._~`` → else 40169.
 * - `page` (default: the home page) must exist when `check_path` is not false: one of the
 *   configured `pages`, or by default any `pages/…` or `subpackages/…` path (no leading `/`, no
 *   query) → else 41030. `env_version` release|trial|develop → else 40097.
 * - Success: a real PNG QR code (`Content-Type: image/png`, `width` clamped to 280–1280) whose
 *   text is {@link wxacodeContent}: `<page>?scene=<encodeURIComponent(scene)>` — the launch path
 *   and query the mini-program would receive (`query.scene` arrives URL-encoded, exactly as on a
 *   real scan). {@link parseWxacodeContent} reads it back.
 * - `GET /sandbox/wxacodes` lists the codes issued, for assertions.
 */
export interface SandboxWxacodeOptions {
  now: () => Date;
  /** The tokens the token endpoints issued (newest first). */
  tokens: () => ReadonlyArray<{ value: string; expiresAt: number }>;
  /** An injected errcode for this path, if any (the sandbox's `/sandbox/faults`). */
  takeFault: (path: string) => number | undefined;
  /** Published pages; default: any `pages/…` or `subpackages/…` path. */
  pages?: readonly string[];
  /** Where a code without `page` opens (default: the first configured page, else pages/home/index). */
  homePage?: string;
}

export interface IssuedWxacode {
  scene: string;
  page: string;
  envVersion: string;
  width: number;
  content: string;
  at: string;
}

/** §C.4: at most 32 visible characters from this set (no `%`: nothing URL-encoded). */
export const WXACODE_SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const DEFAULT_PAGE = /^(pages|subpackages)\/[0-9A-Za-z_\-/]+$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const PATH = '/wxa/getwxacodeunlimit';

const wechatError = (errcode: number, errmsg: string) => ({
  errcode,
  errmsg: `${errmsg} rid: ${randomBytes(6).toString('hex')}`,
});

/** The text a sandbox 小程序码 encodes: the page and the query a scan would launch it with. */
export function wxacodeContent(page: string, scene: string): string {
  return `${page}?scene=${encodeURIComponent(scene)}`;
}

/** The inverse of {@link wxacodeContent}; null for any other text. */
export function parseWxacodeContent(text: string): { page: string; scene: string } | null {
  const match = /^([^?]+)\?scene=([^&]*)$/.exec(text);
  if (!match) return null;
  try {
    return { page: match[1], scene: decodeURIComponent(match[2]) };
  } catch {
    return null;
  }
}

export function registerSandboxWxacode(app: FastifyInstance, options: SandboxWxacodeOptions): { reset(): void } {
  const issued: IssuedWxacode[] = [];
  const homePage = options.homePage ?? options.pages?.[0] ?? 'pages/home/index';
  const pageExists = (page: string) => (options.pages ? options.pages.includes(page) : DEFAULT_PAGE.test(page));

  app.post<{ Querystring: { access_token?: string }; Body: unknown }>(PATH, async (request, reply) => {
    const token = options.tokens().find((t) => t.value === request.query.access_token);
    if (!token) return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
    if (token.expiresAt <= options.now().getTime()) return wechatError(42001, 'access_token expired');
    const fault = options.takeFault(PATH);
    if (fault !== undefined) return wechatError(fault, 'injected fault');

    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<
      string,
      unknown
    >;
    const scene = body.scene;
    if (typeof scene !== 'string' || !WXACODE_SCENE.test(scene)) return wechatError(40169, 'invalid length for scene');
    if (body.page !== undefined && typeof body.page !== 'string') return wechatError(47001, 'data format error');
    const page = typeof body.page === 'string' && body.page !== '' ? body.page : homePage;
    if (body.check_path !== false && !pageExists(page)) return wechatError(41030, 'invalid page');
    const envVersion = body.env_version ?? 'release';
    if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion))
      return wechatError(40097, 'invalid args: env_version');
    const requested = typeof body.width === 'number' && Number.isFinite(body.width) ? Math.round(body.width) : 430;
    const width = Math.min(1280, Math.max(280, requested));

    const content = wxacodeContent(page, scene);
    const png = await QRCode.toBuffer(content, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
    issued.push({ scene, page, envVersion, width, content, at: options.now().toISOString() });
    return reply.type('image/png').send(png);
  });

  app.get<{ Querystring: { scene?: string } }>('/sandbox/wxacodes', async (request) => ({
    items: issued.filter((code) => request.query.scene === undefined || code.scene === request.query.scene),
  }));

  return {
    reset() {
      issued.length = 0;
    },
  };
}
