import { useEffect, useRef, useState } from 'react';
import { Text } from '@tarojs/components';
import { secondsLeft } from '../../../../utils/countdown';
import { formatGroupCountdown } from '../../../../utils/groupbuy';

interface GroupCountdownProps {
  /** The server's `expiresAt` of the group (ISO-8601). */
  expiresAt: string;
  /** Clock in ms; tests pass a fake one. */
  now?: () => number;
  /** Called once when it reaches zero (the page reloads: the server settles the group). */
  onExpire?: () => void;
  className?: string;
}

/**
 * A group's time left (`hh:mm:ss`, days in front), ticking every second. Also used by the 拼团
 * subpackage's pages (a subpackage may use the main package's modules, not the other way round).
 */
export function GroupCountdown({ expiresAt, now = Date.now, onExpire, className = '' }: GroupCountdownProps) {
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

  return <Text className={`group-countdown ${className}`}>{formatGroupCountdown(left)}</Text>;
}
