import { ApiError } from '../api/client';
import { bindReferral } from '../api/distribution';
import { distributorStore } from '../stores/distributor';
import { pendingReferral } from '../stores/referral';
import { session } from '../stores/session';
import { bindSettled, type ReferralBind } from './referral';

/**
 * The referral (`ref` of a shared path, `r=` of a mini-program code's `scene`) a launch brought in.
 * The launch itself binds it: POST /launch carries the query and the server applies the `ref`
 * (utils/launch.ts). The bind is remembered until that launch has been answered, so a launch
 * that never reached the server (offline, 5xx) still binds later — then, and only then, through
 * POST /distribution/bind. Each referral thus travels in exactly one request that the server
 * answers. Nothing here throws or shows an error: a refused bind is the shopper's business only
 * in the logs.
 */

let sending: Promise<void> | null = null;

/** A launch carries this referral: keep it until the server has answered that launch. */
export function rememberReferral(bind: ReferralBind | null): void {
  if (bind) pendingReferral.set(bind);
}

/** The server answered the launch that carried `bind` (and bound it, or refused it): nothing left to send. */
export function referralLaunched(bind: ReferralBind | null, bound: boolean): void {
  const pending = pendingReferral.get();
  if (bind && pending && pending.code === bind.code && pending.source === bind.source) pendingReferral.clear();
  if (bound) distributorStore.forget();
}

/**
 * Sends a bind left pending by an earlier launch that got no answer, once at a time; keeps it only
 * when the server gives no answer again.
 */
export function sendPendingReferral(): Promise<void> {
  if (!sending) {
    sending = send().finally(() => {
      sending = null;
    });
  }
  return sending;
}

async function send(): Promise<void> {
  const bind = pendingReferral.get();
  if (!bind || !session.token()) return;
  try {
    const result = await bindReferral(bind.code, bind.source);
    pendingReferral.clear();
    if (result.bound) distributorStore.forget();
    console.info(`[referral] ${bind.source} ${bind.code}: ${result.outcome}`);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    if (bindSettled(status)) pendingReferral.clear();
    const code = error instanceof ApiError ? error.code : 'UNKNOWN';
    console.warn(`[referral] ${bind.source} ${bind.code} not bound: ${code} (${status})`);
  }
}
