import type { DistributorMe } from '@weshop/shared';
import { getDistributorMe } from '../api/distribution';
import { session } from './session';

/**
 * The signed-in user's distributor record, fetched once per session for what every product page
 * needs (the `ref` of its shares, the 分享赚 entry). The distributor centre always fetches fresh and
 * hands its answer here; a failed fetch is not kept, so the next page asks again.
 */
let cached: { token: string; me: Promise<DistributorMe | null> } | null = null;

export const distributorStore = {
  /** The cached record for the current token; null when signed out or when the server did not answer. */
  get(): Promise<DistributorMe | null> {
    const token = session.token();
    if (!token) return Promise.resolve(null);
    if (cached?.token === token) return cached.me;
    const entry = {
      token,
      me: getDistributorMe().catch(() => {
        if (cached === entry) cached = null;
        return null;
      }),
    };
    cached = entry;
    return entry.me;
  },
  /** A fresh answer from a page (distributor centre, apply). */
  set(me: DistributorMe): void {
    const token = session.token();
    cached = token ? { token, me: Promise.resolve(me) } : null;
  },
  /** Drop it (after a bind, or when the status may have changed). */
  forget(): void {
    cached = null;
  },
};
