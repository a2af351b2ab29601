import { ApiError } from '../api/client';
import { bindReferral } from '../api/distribution';
import { distributorStore } from '../stores/distributor';
import { pendingReferral } from '../stores/referral';
import { session } from '../stores/session';
import { bindKey, bindSettled, referralFromLaunch, type LaunchOptionsLike } from './referral';
import { toProduct } from './route';

/**
 * app.tsx calls these on launch and on every show with WeChat's options. They never block the
 * launch and never show an error: a refused bind (unknown code, self, cycle) is the shopper's
 * business only in the logs. The decision itself is the pure `referralFromLaunch`.
 */

/** Binds already taken from options in this run. */
const seen = new Set<string>();
let sending: Promise<void> | null = null;
let shows = 0;

/** On launch: `signedIn` settles once the session is there (the bind needs a token). */
export function referralOnLaunch(options: LaunchOptionsLike | undefined, signedIn: Promise<unknown>): void {
  handle(options, signedIn);
}

/** On show: the first show repeats the launch's options; later ones are hot starts from another share. */
export function referralOnShow(options: LaunchOptionsLike | undefined): void {
  shows += 1;
  if (shows > 1) handle(options, Promise.resolve());
}

function handle(options: LaunchOptionsLike | undefined, signedIn: Promise<unknown>): void {
  let decision;
  try {
    decision = referralFromLaunch(options ?? {});
  } catch (error) {
    console.warn('[referral] unreadable launch options', error instanceof Error ? error.message : '');
    return;
  }
  const { bind, openProductId } = decision;
  if (bind && !seen.has(bindKey(bind))) {
    seen.add(bindKey(bind));
    pendingReferral.set(bind);
  }
  void signedIn.then(() => {
    if (openProductId) toProduct(openProductId);
    return sendPendingReferral();
  });
}

/** Sends the pending bind once at a time; keeps it only when the server gave no answer. */
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
