import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { countText } from '../../../utils/community';
import { toCommunity, toCommunityGroupbuys } from '../../../utils/community-route';
// The gate first: it loads the console's base styles (admin-gate) before the tab strip's.
import { CommunityGate } from './components/community-gate';
import { AdminTabs } from '../components/admin-tabs';
import { Announcement } from './components/announcement';
import { Members } from './components/members';
import { Moderation } from './components/moderation';
import { Stats } from './components/stats';
import './index.scss';

type Section = 'posts' | 'members' | 'announcement' | 'stats';
const SECTIONS: { key: Section; label: string }[] = [
  { key: 'posts', label: '内容审核' },
  { key: 'members', label: '成员' },
  { key: 'announcement', label: '公告' },
  { key: 'stats', label: '数据' },
];

/**
 * 社群管理 (query `id`) for the community's managers and the shop's admins: the moderation queue,
 * members and roles, the announcement and the code, the community's figures, and 社群专享拼团.
 */
export default function CommunityConsolePage() {
  const { id = '' } = useRouter().params;
  const [section, setSection] = useState<Section>('posts');
  return (
    <CommunityGate id={id}>
      {(community, reload) => (
        <>
          <View className="console-head" data-id={community.id}>
            <View className="console-head__who" onClick={() => toCommunity(community.id)}>
              <Text className="console-head__name">{community.name} ›</Text>
              <Text className="console-head__stats">
                {countText(community.memberCount)} 成员 · {countText(community.postCount)} 帖子
              </Text>
            </View>
            <Text className="console-head__groupbuy" onClick={() => toCommunityGroupbuys(community.id)}>
              社群专享拼团 ›
            </Text>
          </View>
          <AdminTabs className="admin-tabs--pages" tabs={SECTIONS} active={section} onChange={setSection} />
          {section === 'posts' ? <Moderation communityId={community.id} /> : null}
          {section === 'members' ? <Members communityId={community.id} /> : null}
          {section === 'announcement' ? <Announcement community={community} onSaved={reload} /> : null}
          {section === 'stats' ? <Stats communityId={community.id} /> : null}
        </>
      )}
    </CommunityGate>
  );
}
