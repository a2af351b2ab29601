import { Text, View } from '@tarojs/components';
import './index.scss';

interface EmptyProps {
  text?: string;
}

export function Empty({ text = '暂无内容' }: EmptyProps) {
  return (
    <View className="empty">
      <View className="empty__icon" />
      <Text className="empty__text">{text}</Text>
    </View>
  );
}
