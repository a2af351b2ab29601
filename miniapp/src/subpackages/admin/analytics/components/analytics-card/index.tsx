import type { PropsWithChildren, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

/** A dashboard card: a title, an optional action or note on the right (导出 CSV), the figures below. */
export function AnalyticsCard(
  props: PropsWithChildren<{ title: string; className?: string; action?: ReactNode; tab?: string }>,
) {
  return (
    <View className={`admin-card analytics-card ${props.className ?? ''}`} data-tab={props.tab}>
      <View className="analytics-card__head">
        <Text className="analytics-card__title">{props.title}</Text>
        {props.action ?? null}
      </View>
      {props.children}
    </View>
  );
}
