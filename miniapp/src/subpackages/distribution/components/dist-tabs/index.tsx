import { Text, View } from '@tarojs/components';
import './index.scss';

/** The tab strip of the 分销 lists (commission status, leaderboard period); also loads the shared 分销 styles. */
export function DistTabs<K extends string>(props: {
  tabs: ReadonlyArray<{ key: K; label: string }>;
  active: K;
  onChange: (key: K) => void;
  className?: string;
}) {
  return (
    <View className={`dist-tabs ${props.className ?? ''}`}>
      {props.tabs.map((t) => (
        <View
          key={t.key}
          className={`dist-tab ${props.active === t.key ? 'dist-tab--active' : ''}`}
          data-tab={t.key}
          onClick={() => props.onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
