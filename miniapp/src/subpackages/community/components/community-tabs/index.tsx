import { Text, View } from '@tarojs/components';
import './index.scss';

/** The tab strip of the 社群 list and the 发现 feeds. */
export function CommunityTabs<K extends string>(props: {
  tabs: ReadonlyArray<{ key: K; label: string }>;
  active: K;
  onChange: (key: K) => void;
}) {
  return (
    <View className="community-tabs">
      {props.tabs.map((t) => (
        <View
          key={t.key}
          className={`community-tab ${props.active === t.key ? 'community-tab--active' : ''}`}
          data-tab={t.key}
          onClick={() => props.onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
