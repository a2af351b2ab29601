import { parseShareScene, ReferralCode, type BindSource } from '@weshop/shared';

/**
 * How a launch (or a hot start's show) carries a referral (WECHAT.md §C.7): a shared path has
 * `ref=<code>` in its query (source LINK); a mini-program code has `scene=r=<code>&p=<base36 id>`,
 * URL-encoded, in the query of the page it opens (source CODE). Pure: app.tsx's runner does the calls.
 */

/** The part of WeChat's (and Taro h5's) launch / show options this needs. */
export interface LaunchOptionsLike {
  path?: string;
  query?: Record<string, string | undefined> | null;
  scene?: number;
}

export interface ReferralBind {
  code: string;
  source: Extract<BindSource, 'LINK' | 'CODE'>;
}

export interface LaunchReferral {
  /** What to send to POST /distribution/bind once the user is logged in, or null. */
  bind: ReferralBind | null;
  /** The product a mini-program code points at, to open unless the launch page shows it already. */
  openProductId: string | null;
}

const PRODUCT_PAGE = 'pages/product/index';

/** A `scene` as WeChat hands it over (URL-encoded, at most twice by some relays), decoded. */
export function decodeScene(raw: string): string {
  let scene = raw;
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(scene); i += 1) {
    try {
      scene = decodeURIComponent(scene);
    } catch {
      break;
    }
  }
  return scene;
}

function firstValue(query: LaunchOptionsLike['query'], key: string): string {
  const value = query?.[key];
  return typeof value === 'string' ? value.trim() : '';
}

/** Decides, from launch / show options, whether to bind and which product to open. */
export function referralFromLaunch(options: LaunchOptionsLike): LaunchReferral {
  const path = (options.path ?? '').replace(/^\/+/, '');
  const rawScene = firstValue(options.query, 'scene');
  const rawRef = firstValue(options.query, 'ref');

  let bind: ReferralBind | null = null;
  let openProductId: string | null = null;

  if (rawScene) {
    const { ref, productId } = parseShareScene(decodeScene(rawScene));
    if (ref) bind = { code: ref, source: 'CODE' };
    // The product page reads `scene` itself; any other page hands over to it.
    if (productId && path !== PRODUCT_PAGE) openProductId = productId;
  }
  if (!bind && rawRef) {
    const code = ReferralCode.safeParse(decodeScene(rawRef));
    if (code.success) bind = { code: code.data, source: 'LINK' };
  }
  return { bind, openProductId };
}

/** The product page's id: `id` from a shared path, or `p` from a mini-program code's `scene`. */
export function productIdFromQuery(query: Record<string, string | undefined>): string {
  if (query.id) return query.id;
  if (query.scene) return parseShareScene(decodeScene(query.scene)).productId ?? '';
  return '';
}

/** Same code and source already handled in this run (a hot start's show repeats the launch options). */
export function bindKey(bind: ReferralBind): string {
  return `${bind.source}:${bind.code}`;
}

/**
 * What to do with a pending bind after the server answered: any answer (a 2xx, or a 4xx refusal
 * such as REFERRAL_SELF) settles it; no answer (network, 5xx) keeps it for the next launch.
 */
export function bindSettled(status: number): boolean {
  return status >= 200 && status < 500 && status !== 401 && status !== 429;
}
