import { useEffect, useState } from 'react';
import { distributorStore } from '../../stores/distributor';
import { session } from '../../stores/session';
import { shareRefOf } from '../../utils/distribution';

/**
 * The viewer's referral code for this page's shares, or null: only an APPROVED distributor's. The
 * signed-in user's record gives a first answer at once; /distribution/me (fetched once per session)
 * has the last word.
 */
export function useShareRef(): string | null {
  const [ref, setRef] = useState<string | null>(() => shareRefOf(session.user()?.distributor ?? null));
  useEffect(() => {
    let stale = false;
    void distributorStore.get().then((me) => {
      if (!stale && me) setRef(shareRefOf(me));
    });
    return () => {
      stale = true;
    };
  }, []);
  return ref;
}
