import { Text, View } from '@tarojs/components';

/** The status tab strip of the manager console's lists (styles in admin-gate/index.scss, which every admin page loads). */
export function AdminTabs<K extends string>(props: {
  tabs: ReadonlyArray<{ key: K; label: string }>;
  active: K;
  onChange: (key: K) => void;
}) {
  return (
    <View className="admin-tabs">
      {props.tabs.map((t) => (
        <View
          key={t.key}
          className={`admin-tab ${props.active === t.key ? 'admin-tab--active' : ''}`}
          data-tab={t.key}
          onClick={() => props.onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
