import { useEffect, useRef, useState } from 'react';
import { secondsLeft } from '../utils/countdown';

/**
 * Seconds left until the server's deadline, ticking every second; `onExpire` is called once when
 * it reaches zero. The one ticker behind the order and group-buy countdowns.
 */
export function useSecondsLeft(expiresAt: string, now: () => number = Date.now, onExpire?: () => void): number {
  const [left, setLeft] = useState(() => secondsLeft(expiresAt, now()));
  const expired = useRef(false);
  const onExpireRef = useRef(onExpire);
  onExpireRef.current = onExpire;

  useEffect(() => {
    expired.current = false;
    const tick = () => {
      const s = secondsLeft(expiresAt, now());
      setLeft(s);
      if (s === 0 && !expired.current) {
        expired.current = true;
        onExpireRef.current?.();
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [expiresAt, now]);

  return left;
}
