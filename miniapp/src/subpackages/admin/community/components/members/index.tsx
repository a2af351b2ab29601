import { useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useReachBottom } from '@tarojs/taro';
import type { CommunityMemberView, CommunityRole } from '@weshop/shared';
import { errorMessage } from '../../../../../api/client';
import { listManagedMembers, removeMember, setMemberRole } from '../../../../../api/community';
import { Empty } from '../../../../../components/empty';
import { LoadMore } from '../../../../../components/load-more';
import { assetUrl } from '../../../../../config';
import { usePaged } from '../../../../../hooks/use-paged';
import { COMMUNITY_ROLE_TEXT, JOIN_SOURCE_TEXT } from '../../../../../utils/community';
import { formatTime } from '../../../../../utils/order-status';
import { AdminTabs } from '../../../components/admin-tabs';
import './index.scss';

type RoleTab = CommunityRole | 'ALL';
const TABS: { key: RoleTab; label: string }[] = [
  { key: 'ALL', label: '全部' },
  { key: 'MANAGER', label: '主理人' },
  { key: 'MEMBER', label: '成员' },
];

function MemberRow({
  communityId,
  member,
  onChanged,
}: {
  communityId: string;
  member: CommunityMemberView;
  onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await work();
      void Taro.showToast({ title: done, icon: 'success' });
      onChanged();
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    const { confirm } = await Taro.showModal({
      title: '移出社群',
      content: `确定将「${member.nickname}」移出社群吗？`,
    });
    if (confirm) await run(() => removeMember(communityId, member.userId), '已移出');
  };
  const manager = member.role === 'MANAGER';
  return (
    <View className="admin-card community-member" data-user-id={member.userId} data-role={member.role}>
      <View className="community-member__row">
        {member.avatarUrl ? (
          <Image className="community-member__avatar" src={assetUrl(member.avatarUrl)} mode="aspectFill" />
        ) : (
          <View className="community-member__avatar community-member__avatar--blank">
            <Text>{member.nickname.slice(0, 1)}</Text>
          </View>
        )}
        <View className="community-member__who">
          <Text className="community-member__name">
            {member.nickname}
            <Text className="community-member__role">{COMMUNITY_ROLE_TEXT[member.role]}</Text>
          </Text>
          <Text className="community-member__meta">
            用户 {member.userId} · {JOIN_SOURCE_TEXT[member.source] ?? member.source} · {formatTime(member.joinedAt)}
          </Text>
        </View>
      </View>
      <View className="admin-actions">
        <Button
          className="admin-button community-member__role-toggle"
          onClick={() =>
            void run(
              () => setMemberRole(communityId, member.userId, manager ? 'MEMBER' : 'MANAGER'),
              manager ? '已取消主理人' : '已设为主理人',
            )
          }
        >
          {manager ? '取消主理人' : '设为主理人'}
        </Button>
        {!manager ? (
          <Button className="admin-button community-member__remove" onClick={() => void remove()}>
            移出
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** 成员: members with their role and how they joined; 设为 / 取消主理人 and 移出. */
export function Members({ communityId }: { communityId: string }) {
  const [tab, setTab] = useState<RoleTab>('ALL');
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged(
    (page) => listManagedMembers(communityId, { page, role: tab === 'ALL' ? undefined : tab }),
    `${communityId}|${tab}|${generation}`,
  );
  useReachBottom(loadMore);
  return (
    <View className="community-members">
      <AdminTabs tabs={TABS} active={tab} onChange={setTab} />
      {status === 'done' && items.length === 0 ? <Empty text="暂无成员" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((m) => (
        <MemberRow key={m.userId} communityId={communityId} member={m} onChanged={() => setGeneration((g) => g + 1)} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </View>
  );
}
