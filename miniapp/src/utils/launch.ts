import Taro from '@tarojs/taro';
import { SHARE_QUERY_KEYS, type LaunchRequest, type ShareTicketData } from '@weshop/shared';
import { ApiError } from '../api/client';
import { sandboxGroupEnterInfo, sendLaunch } from '../api/attribution';
import { session } from '../stores/session';
import { setVisit } from './events';
import { referralLaunched, rememberReferral, sendPendingReferral } from './launch-referral';
import { bindSettled, referralFromLaunch, type LaunchOptionsLike, type ReferralBind } from './referral';
import { toProduct } from './route';

/**
 * 启动上报: app.tsx hands WeChat's options over on launch and on every show. Each entry with a new
 * scene or query (a cold start, a hot start from another share card or code) is reported once to
 * POST /launch — scene, path, query and, from a group card with a share ticket, the group data of
 * `getGroupEnterInfo` — once the user is logged in; the server records the visit and binds the
 * query's `ref`. A show that repeats the last entry (the first show after launch, coming back from
 * the background unchanged) reports nothing. Never blocks a page, never throws, never toasts.
 */

/** WeChat's (and Taro h5's) launch / show options, as far as attribution reads them. */
export interface EnterOptions extends LaunchOptionsLike {
  shareTicket?: string;
}

/** The group card scene that comes with a share ticket (WECHAT.md §C.7). */
const GROUP_CARD_WITH_TICKET = 1044;

let lastKey: string | null = null;

/** On launch: `signedIn` settles once the session is there (the launch report needs a token). */
export function appLaunched(options: EnterOptions | undefined, signedIn: Promise<unknown>): void {
  enter(options, signedIn);
}

/** On show: reported only when it differs from the last entry (scene, query, share ticket). */
export function appShown(options: EnterOptions | undefined): void {
  enter(options, Promise.resolve());
}

/** What makes two entries the same visit; Taro's own `$…` stamps are not part of it. */
export function entryKey(options: EnterOptions): string {
  const query = Object.entries(options.query ?? {})
    .filter(([key, value]) => !key.startsWith('$') && typeof value === 'string')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([options.scene ?? 0, query, options.shareTicket ?? '']);
}

/**
 * The body of POST /launch. In h5 a test `opengid` in the query stands for a group card with a share
 * ticket (scene 1044; the sandbox seals the group data).
 */
export function launchRequestOf(options: EnterOptions, shareTicket: ShareTicketData | null): LaunchRequest {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (typeof value === 'string' && !key.startsWith('$')) query[key.slice(0, 64)] = value.slice(0, 512);
  }
  const h5Group = process.env.TARO_ENV === 'h5' && !!query[SHARE_QUERY_KEYS.testOpengid];
  const scene = h5Group ? GROUP_CARD_WITH_TICKET : options.scene;
  return {
    scene: typeof scene === 'number' && Number.isInteger(scene) && scene >= 0 && scene <= 99_999 ? scene : null,
    path: (options.path ?? '').replace(/^\/+/, '').slice(0, 255),
    query: Object.fromEntries(Object.entries(query).slice(0, 32)),
    ...(shareTicket ? { shareTicket } : {}),
  };
}

function enter(options: EnterOptions | undefined, signedIn: Promise<unknown>): void {
  try {
    const opts = options ?? {};
    const key = entryKey(opts);
    if (key === lastKey) return;
    lastKey = key;
    const { bind, openProductId } = referralFromLaunch(opts);
    rememberReferral(bind);
    void signedIn
      .then(async () => {
        if (openProductId) toProduct(openProductId);
        await report(opts, bind);
      })
      .catch(() => undefined);
  } catch (error) {
    console.warn('[launch] unreadable options', error instanceof Error ? error.message : '');
  }
}

async function report(options: EnterOptions, bind: ReferralBind | null): Promise<void> {
  if (!session.token()) return; // signed out: the pending referral waits for the next launch
  try {
    const result = await sendLaunch(launchRequestOf(options, await groupEnterInfo(options)));
    setVisit(result.visitId);
    referralLaunched(bind, result.bound !== undefined);
    console.info(`[launch] ${result.source}${result.bound ? ` bound to ${result.bound.distributorCode}` : ''}`);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    console.warn(`[launch] not recorded: ${error instanceof ApiError ? error.code : 'UNKNOWN'} (${status})`);
    // No answer: the referral stays pending for the next launch. A refusal of the launch itself: it
    // goes the direct way now.
    if (!bindSettled(status)) return;
  }
  await sendPendingReferral();
}

/** The share ticket's group data (weapp `getGroupEnterInfo`, h5 sandbox shim), or null. */
async function groupEnterInfo(options: EnterOptions): Promise<ShareTicketData | null> {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const opengid = options.query?.[SHARE_QUERY_KEYS.testOpengid];
      return opengid ? await sandboxGroupEnterInfo(opengid) : null;
    }
    if (!options.shareTicket) return null;
    return await new Promise<ShareTicketData | null>((resolve) => {
      void Taro.getGroupEnterInfo({
        success: (res) => resolve({ encryptedData: res.encryptedData, iv: res.iv }),
        fail: () => resolve(null),
      })?.catch?.(() => resolve(null));
    });
  } catch {
    return null;
  }
}
