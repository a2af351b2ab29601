import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro';
import { GroupStatus, type GroupView } from '@weshop/shared';
import { listMyGroups } from '../../../api/groupbuy';
import { Empty } from '../../../components/empty';
import { LoadMore } from '../../../components/load-more';
import { usePaged } from '../../../hooks/use-paged';
import { GroupCountdown } from '../../../pages/product/components/group-buy/group-countdown';
import { GROUP_STATUS_TEXT, groupHint, groupStatusText } from '../../../utils/groupbuy';
import { toGroup } from '../../../utils/groupbuy-route';
import { GroupSeats } from '../components/group-seats';
import './index.scss';

type Tab = GroupStatus | 'ALL';
const TABS: { key: Tab; label: string }[] = [
  { key: 'ALL', label: '全部' },
  { key: 'FORMING', label: GROUP_STATUS_TEXT.FORMING },
  { key: 'SUCCEEDED', label: GROUP_STATUS_TEXT.SUCCEEDED },
  { key: 'FAILED', label: GROUP_STATUS_TEXT.FAILED },
];

function GroupCard({ group }: { group: GroupView }) {
  const leader = group.members.find((m) => m.isLeader);
  return (
    <View className="my-group" data-id={group.id} data-status={group.status} onClick={() => toGroup(group.id)}>
      <View className="my-group__head">
        <Text className="my-group__size">
          {group.size}人团{leader ? ` · ${leader.nickname} 开团` : ''}
        </Text>
        <Text className="my-group__status">{groupStatusText(group)}</Text>
      </View>
      <Text className="my-group__title">{group.title}</Text>
      <GroupSeats group={group} compact />
      <View className="my-group__foot">
        <Text className="my-group__hint">{groupHint(group)}</Text>
        {group.status === 'FORMING' ? (
          <Text className="my-group__left">
            剩余 <GroupCountdown expiresAt={group.expiresAt} />
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** 我的拼团: the groups I opened or joined, by status. Query `status` picks the first tab. */
export default function MyGroupsPage() {
  const query = useRouter().params.status;
  const [tab, setTab] = useState<Tab>(GroupStatus.safeParse(query).success ? (query as Tab) : 'ALL');
  const [generation, setGeneration] = useState(0);
  const { items, status, error, loadMore } = usePaged(
    (page) => listMyGroups({ status: tab === 'ALL' ? undefined : tab, page }),
    `${tab}|${generation}`,
  );
  useReachBottom(loadMore);
  // Back from a group: statuses may have moved on.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setGeneration((g) => g + 1);
    shown.current = true;
  });

  return (
    <View className="my-groups">
      <View className="my-groups__tabs">
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`my-groups__tab ${tab === t.key ? 'my-groups__tab--active' : ''}`}
            data-tab={t.key}
            onClick={() => setTab(t.key)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      {status === 'done' && items.length === 0 ? <Empty text="还没有拼团" /> : null}
      {status === 'error' && items.length === 0 ? <Empty text={error ?? '加载失败'} /> : null}
      {items.map((group) => (
        <GroupCard key={group.id} group={group} />
      ))}
      {items.length > 0 ? <LoadMore status={status} error={error} onLoadMore={loadMore} /> : null}
    </View>
  );
}
