import { Text } from '@tarojs/components';
import { useSecondsLeft } from '../../../../hooks/use-seconds-left';
import { formatCountdown } from '../../../../utils/countdown';

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
  const left = useSecondsLeft(expiresAt, now, onExpire);
  return <Text className={`countdown ${className}`}>{formatCountdown(left)}</Text>;
}
