import { Image, Text, View } from '@tarojs/components';
import { assetUrl } from '../../../../config';
import './avatar.scss';

/** A member's round avatar, or the first character of the nickname when there is no picture. */
export function GroupAvatar({
  nickname,
  avatar,
  className = '',
}: {
  nickname: string;
  avatar: string;
  className?: string;
}) {
  return avatar ? (
    <Image className={`group-avatar ${className}`} src={assetUrl(avatar)} mode="aspectFill" />
  ) : (
    <View className={`group-avatar group-avatar--blank ${className}`}>
      <Text>{Array.from(nickname)[0] ?? '?'}</Text>
    </View>
  );
}
