import { Text } from '@tarojs/components';
import { useSecondsLeft } from '../../../../hooks/use-seconds-left';
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
  const left = useSecondsLeft(expiresAt, now, onExpire);
  return <Text className={`group-countdown ${className}`}>{formatGroupCountdown(left)}</Text>;
}
