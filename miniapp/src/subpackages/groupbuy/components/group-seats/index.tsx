import { Text, View } from '@tarojs/components';
import type { GroupView } from '@weshop/shared';
import { GroupAvatar } from '../../../../pages/product/components/group-buy/avatar';
import { groupSeats } from '../../../../utils/groupbuy';
import './index.scss';

/** The group's seats: members' avatars (团长 marked, 待支付 for a held seat) and the empty seats. */
export function GroupSeats({
  group,
  compact = false,
}: {
  group: Pick<GroupView, 'size' | 'members'>;
  compact?: boolean;
}) {
  return (
    <View className={`group-seats ${compact ? 'group-seats--compact' : ''}`}>
      {groupSeats(group).map((seat, i) =>
        seat.kind === 'member' ? (
          <View
            key={i}
            className={`group-seat group-seat--member ${seat.paid ? '' : 'group-seat--unpaid'}`}
            data-leader={seat.isLeader ? '1' : '0'}
          >
            <GroupAvatar nickname={seat.nickname} avatar={seat.avatar} className="group-seat__avatar" />
            {seat.isLeader ? <Text className="group-seat__badge">团长</Text> : null}
            {!seat.paid ? <Text className="group-seat__badge group-seat__badge--unpaid">待支付</Text> : null}
            {compact ? null : <Text className="group-seat__name">{seat.nickname}</Text>}
          </View>
        ) : (
          <View key={i} className="group-seat group-seat--empty">
            <View className="group-seat__avatar group-seat__blank">
              <Text>?</Text>
            </View>
            {compact ? null : <Text className="group-seat__name">待参团</Text>}
          </View>
        ),
      )}
    </View>
  );
}
