import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatFen, type GroupBuyCampaignView, type GroupView, type PricedLineView } from '@weshop/shared';
import { getCampaign, getGroup } from '../../../../../api/groupbuy';
import { GroupAvatar } from '../../../../../pages/product/components/group-buy/avatar';
import { durationText, seatsLeftText, type GroupBuyChoice } from '../../../../../utils/groupbuy';
import './index.scss';

interface GroupBuyNoteProps {
  choice: GroupBuyChoice;
  /** The preview's lines: `unitPrice` is the group (or leader) price the server applied, `skuPrice` the single price. */
  lines: PricedLineView[] | null;
}

/**
 * 拼团 on 确认订单: opening or joining (whose group, seats left), the rules of the campaign, and each
 * line's group price next to its single price, exactly as the server's preview has them.
 */
export function GroupBuyNote({ choice, lines }: GroupBuyNoteProps) {
  const [campaign, setCampaign] = useState<GroupBuyCampaignView | null>(null);
  const [group, setGroup] = useState<GroupView | null>(null);

  useEffect(() => {
    let stale = false;
    // Context only: the preview (and its error) is what decides whether the order can be placed.
    getCampaign(choice.campaignId)
      .then((c) => !stale && setCampaign(c))
      .catch(() => undefined);
    if (choice.groupId) {
      getGroup(choice.groupId)
        .then((g) => !stale && setGroup(g))
        .catch(() => undefined);
    }
    return () => {
      stale = true;
    };
  }, [choice.campaignId, choice.groupId]);

  const joining = Boolean(choice.groupId);
  const leader = group?.members.find((m) => m.isLeader) ?? null;

  return (
    <View className="gb-note" data-mode={joining ? 'join' : 'open'}>
      <View className="gb-note__head">
        <Text className="gb-note__tag">{campaign ? `${campaign.groupSize}人团` : '拼团'}</Text>
        <Text className="gb-note__mode">{joining ? '参加拼团' : '发起拼团'}</Text>
        {joining && group ? <Text className="gb-note__seats">{seatsLeftText(group.seatsLeft)}</Text> : null}
      </View>
      {joining && leader ? (
        <View className="gb-note__leader">
          <GroupAvatar nickname={leader.nickname} avatar={leader.avatar} className="gb-note__avatar" />
          <Text className="gb-note__leader-name">{leader.nickname} 的团</Text>
        </View>
      ) : null}
      {lines?.map((line) => (
        <View key={line.skuId} className="gb-note__price" data-sku={line.skuId}>
          <Text className="gb-note__price-label">{joining ? '拼团价' : '开团价'}</Text>
          <Text className="gb-note__price-value">
            {formatFen(line.unitPrice)} × {line.quantity}
          </Text>
          {line.skuPrice > line.unitPrice ? (
            <Text className="gb-note__price-single">单买 {formatFen(line.skuPrice)}</Text>
          ) : null}
        </View>
      ))}
      <Text className="gb-note__rules">
        {joining
          ? '支付后即参团，满员即成团，成团后发货'
          : `支付后开团，${campaign ? `${durationText(campaign.durationMinutes)}内` : ''}邀请好友参团，满员即成团，成团后发货`}
        ；未成团将自动原路退款
      </Text>
    </View>
  );
}
