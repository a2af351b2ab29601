import { useEffect, useRef, useState } from 'react';
import { Text } from '@tarojs/components';
import { formatCountdown, secondsLeft } from '../../../../utils/countdown';

interface CountdownProps {
  /** The server's `expiresAt` (ISO-8601). */
  expiresAt: string;
  /** Clock in ms; tests pass a fake one. */
  now?: () => number;
  /** Called once when it reaches 00:00 (the page reloads the order: the server closes it). */
  onExpire?: () => void;
  className?: string;
}

/** mm:ss until the server's deadline, ticking every second. */
export function Countdown({ expiresAt, now = Date.now, onExpire, className = '' }: CountdownProps) {
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

  return <Text className={`countdown ${className}`}>{formatCountdown(left)}</Text>;
}
